using System.Linq;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>The generated source of representative inputs, compared with committed files under Snapshots/.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData(nameof(SnapshotInputs.SimpleNode), SnapshotInputs.SimpleNode)]
    [InlineData(nameof(SnapshotInputs.AsyncNodeWithEveryPhase), SnapshotInputs.AsyncNodeWithEveryPhase)]
    [InlineData(nameof(SnapshotInputs.BatchNodes), SnapshotInputs.BatchNodes)]
    [InlineData(nameof(SnapshotInputs.Graphs), SnapshotInputs.Graphs)]
    [InlineData(nameof(SnapshotInputs.BatchGraph), SnapshotInputs.BatchGraph)]
    [InlineData(nameof(SnapshotInputs.Namespaces), SnapshotInputs.Namespaces)]
    [InlineData(nameof(SnapshotInputs.FileScopedNamespace), SnapshotInputs.FileScopedNamespace)]
    [InlineData("DurableGraph", DurableInputs.Source)]
    [InlineData(nameof(SnapshotInputs.ResilientNodes), SnapshotInputs.ResilientNodes)]
    public void Generated_source_matches_the_committed_snapshot(string caseName, string source)
    {
        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerWarningsAndErrors);
        Assert.NotEmpty(run.GeneratedSources);
        SnapshotVerifier.Verify(caseName, run.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, System.StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Output_is_identical_whatever_the_order_of_input_files()
    {
        var sources = new[] { SnapshotInputs.Graphs, SnapshotInputs.BatchNodes, SnapshotInputs.SimpleNode };
        var forward = GeneratorHarness.Run(sources);
        var backward = GeneratorHarness.Run(sources.Reverse());

        var first = forward.GeneratedSources.Select(s => (s.HintName, Text: s.SourceText.ToString())).OrderBy(s => s.HintName, System.StringComparer.Ordinal).ToList();
        var second = backward.GeneratedSources.Select(s => (s.HintName, Text: s.SourceText.ToString())).OrderBy(s => s.HintName, System.StringComparer.Ordinal).ToList();
        Assert.Equal(first.Count, second.Count);
        Assert.Equal(first, second);
    }
}
