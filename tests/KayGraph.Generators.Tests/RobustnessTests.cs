using System.Collections.Generic;
using System.Linq;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>Damaged inputs never make the generator throw, and whatever it emits for them has no errors of its own.</summary>
public sealed class RobustnessTests
{
    public static IEnumerable<object[]> Inputs() => new[]
    {
        new object[] { nameof(SnapshotInputs.AsyncNodeWithEveryPhase) },
        new object[] { nameof(SnapshotInputs.Graphs) },
        new object[] { nameof(SnapshotInputs.BatchNodes) },
        new object[] { nameof(RunInputs.Tutorial) },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Damaged_variants_never_crash_the_generator(string inputName)
    {
        var failures = Check(inputName, run =>
            run.Result.Results.Where(r => r.Exception is not null).Select(r => "exception: " + r.Exception)
                .Concat(run.DriverDiagnostics.Where(d => d.Id is "CS8785" or "AD0001").Select(d => d.ToString()))
                .Concat(run.GeneratorDiagnostics.Where(d => d.Id == "KG0099").Select(d => d.ToString())));

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Damaged_variants_get_no_generated_code_with_errors(string inputName)
    {
        var failures = Check(inputName, run =>
            run.ErrorsInGeneratedTrees.Select(d => $"{d.Id} in {System.IO.Path.GetFileName(d.Location.SourceTree?.FilePath)}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").Distinct().Take(3));

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private static List<string> Check(string inputName, System.Func<GeneratorRun, IEnumerable<string>> problemsOf)
    {
        var source = inputName switch
        {
            nameof(SnapshotInputs.AsyncNodeWithEveryPhase) => SnapshotInputs.AsyncNodeWithEveryPhase,
            nameof(SnapshotInputs.Graphs) => SnapshotInputs.Graphs,
            nameof(SnapshotInputs.BatchNodes) => SnapshotInputs.BatchNodes,
            _ => RunInputs.Tutorial,
        };
        var variants = DamagedVariants.Of(source, perKind: 24).ToList();
        Assert.True(variants.Count >= 60, $"only {variants.Count} variants");

        var failures = new List<string>();
        foreach (var (description, damaged) in variants)
        {
            var problems = problemsOf(GeneratorHarness.Run(damaged)).ToList();
            if (problems.Count > 0)
            {
                failures.Add($"{description}:\n    " + string.Join("\n    ", problems));
            }
        }

        return failures;
    }
}
