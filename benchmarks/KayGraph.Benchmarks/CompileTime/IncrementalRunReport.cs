using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace KayGraph.Benchmarks.CompileTime;

/// <summary>
/// What the generator did on the incremental run after the one-method-body edit. It tallies, by
/// <see cref="IncrementalStepRunReason"/>, the outputs of the generator's own tracked steps (the names it declares in its
/// <c>TrackingNames</c> constants) and of its source outputs. "All cached" means every one of them was
/// <see cref="IncrementalStepRunReason.Cached"/> or <see cref="IncrementalStepRunReason.Unchanged"/>: the edit regenerated
/// nothing. Roslyn's own steps that re-read the edited file (the attribute lookup of <c>ForAttributeWithMetadataName</c>,
/// the compilation input) are not the generator's work and are left out.
/// </summary>
public sealed class IncrementalRunReport
{
    private readonly SortedDictionary<string, Tally> _perStep;

    private IncrementalRunReport(Tally steps, Tally outputs, int stepNames, SortedDictionary<string, Tally> perStep)
    {
        Steps = steps;
        Outputs = outputs;
        StepNames = stepNames;
        _perStep = perStep;
    }

    /// <summary>The outputs of the generator's tracked steps, by reason.</summary>
    public Tally Steps { get; }

    /// <summary>The generator's source outputs, by reason.</summary>
    public Tally Outputs { get; }

    /// <summary>The number of distinct generator steps that ran.</summary>
    public int StepNames { get; }

    /// <summary>Whether every step output and every source output was cached or unchanged.</summary>
    public bool EverythingCached => Steps.Changed.Count == 0 && Outputs.Changed.Count == 0;

    /// <summary>Runs the generator on the workload, applies the edit, runs it again, and reports the second run.</summary>
    /// <param name="workload">The workload.</param>
    /// <returns>The report.</returns>
    public static IncrementalRunReport Measure(CompilationWorkload workload)
    {
        var driver = workload.CreateDriver(trackSteps: true).RunGenerators(workload.Compilation);
        driver = driver.RunGenerators(workload.CreateEdited());
        return FromRun(driver.GetRunResult(), GeneratorStepNames());
    }

    /// <summary>Tallies the tracked steps of a run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="stepNames">The generator's own step names; <see langword="null"/> to take every tracked step.</param>
    /// <returns>The report.</returns>
    public static IncrementalRunReport FromRun(GeneratorDriverRunResult run, IReadOnlyCollection<string>? stepNames)
    {
        var steps = new Tally();
        var outputs = new Tally();
        var perStep = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var result in run.Results)
        {
            foreach (var tracked in result.TrackedSteps.Where(pair => stepNames is null || stepNames.Contains(pair.Key)))
            {
                steps.Add(tracked.Key, tracked.Value);
                if (!perStep.TryGetValue(tracked.Key, out var tally))
                {
                    perStep[tracked.Key] = tally = new Tally();
                }

                tally.Add(tracked.Key, tracked.Value);
            }

            foreach (var tracked in result.TrackedOutputSteps)
            {
                outputs.Add(tracked.Key, tracked.Value);
            }
        }

        return new IncrementalRunReport(steps, outputs, perStep.Count, perStep);
    }

    /// <summary>
    /// The generator's own step names: the string constants of its <c>TrackingNames</c> class, the convention the
    /// generator's caching tests use; <see langword="null"/> when it has none.
    /// </summary>
    /// <returns>The names, or <see langword="null"/>.</returns>
    public static IReadOnlyCollection<string>? GeneratorStepNames()
    {
        var type = Assembly.Load(CompilationWorkload.GeneratorAssemblyName).GetTypes()
            .FirstOrDefault(candidate => candidate.Name == "TrackingNames");
        var names = type?.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        return names is { Count: > 0 } ? names : null;
    }

    /// <summary>The tally of each generator step, e.g. <c>Models: 20 Unchanged, 980 Cached</c>.</summary>
    /// <returns>One entry per step.</returns>
    public string DescribeSteps() => string.Join("; ", _perStep.Select(pair => $"{pair.Key}: {pair.Value}"));

    /// <summary>A one-line summary, e.g. <c>all cached: steps 40 Cached, 2 Unchanged (12 steps); outputs 50 Cached</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"steps {Steps} ({StepNames} steps); outputs {Outputs}");
        return EverythingCached
            ? "all cached: " + text
            : "REGENERATED: " + text + "; changed: " + string.Join("; ", Steps.Changed.Concat(Outputs.Changed));
    }

    /// <summary>Counts of step outputs by reason, and the steps with an output neither cached nor unchanged.</summary>
    public sealed class Tally
    {
        private readonly SortedDictionary<IncrementalStepRunReason, int> _counts = [];
        private readonly SortedSet<string> _changed = new(StringComparer.Ordinal);

        /// <summary>The number of outputs per reason.</summary>
        public IReadOnlyDictionary<IncrementalStepRunReason, int> Counts => _counts;

        /// <summary>The steps with an output that is neither cached nor unchanged, with the reason.</summary>
        public IReadOnlyCollection<string> Changed => _changed;

        /// <summary>Adds the outputs of the runs of one step.</summary>
        /// <param name="name">The step's name.</param>
        /// <param name="runs">The step's runs.</param>
        public void Add(string name, IEnumerable<IncrementalGeneratorRunStep> runs)
        {
            foreach (var (_, reason) in runs.SelectMany(run => run.Outputs))
            {
                _counts[reason] = _counts.TryGetValue(reason, out var count) ? count + 1 : 1;
                if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                {
                    _changed.Add($"{name}: {reason}");
                }
            }
        }

        /// <inheritdoc />
        public override string ToString() =>
            _counts.Count == 0
                ? "none"
                : string.Join(", ", _counts.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Value} {pair.Key}")));
    }
}
