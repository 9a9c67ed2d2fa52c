using System.Linq;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>Generated code compiles without any warning (warnings as errors, every warning wave) under nullable enable.</summary>
public sealed class WarningFreeTests
{
    [Fact]
    public void CSharp9_input_with_typeof_Next_compiles_warning_free()
    {
        AssertWarningFree(new[] { CSharp9Input.Source }, LanguageVersion.CSharp9, expectedGeneratedFiles: 8);
    }

    [Fact]
    public void Every_representative_input_together_compiles_warning_free_at_the_latest_version()
    {
        var sources = new[]
        {
            SnapshotInputs.SimpleNode, SnapshotInputs.AsyncNodeWithEveryPhase, SnapshotInputs.BatchNodes, SnapshotInputs.Graphs,
            SnapshotInputs.BatchGraph, SnapshotInputs.Namespaces, SnapshotInputs.FileScopedNamespace,
            RunInputs.DesignExample, RunInputs.Tutorial, RunInputs.Behaviour, CSharp9Input.Source,
        };

        AssertWarningFree(sources, LanguageVersion.Latest, expectedGeneratedFiles: null);
    }

    private static void AssertWarningFree(string[] sources, LanguageVersion version, int? expectedGeneratedFiles)
    {
        var compilation = GeneratorHarness.Compile(sources, version);
        compilation = compilation.WithOptions(compilation.Options.WithWarningLevel(9999).WithGeneralDiagnosticOption(ReportDiagnostic.Error));

        var run = GeneratorHarness.Run(compilation);

        Assert.Empty(run.DriverDiagnostics);
        Assert.Empty(run.GeneratorDiagnostics);
        if (expectedGeneratedFiles is { } count)
        {
            Assert.Equal(count, run.GeneratedSources.Length);
        }

        Assert.All(run.GeneratedSources, s => Assert.Equal(version == LanguageVersion.Latest ? LanguageVersion.Latest.MapSpecifiedToEffectiveVersion() : version, ((CSharpParseOptions)s.SyntaxTree.Options).LanguageVersion));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError));
    }
}
