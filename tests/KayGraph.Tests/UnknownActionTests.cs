using System;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace KayGraph.Tests;

/// <summary>An action without a successor ends the graph, with a warning when the node has other successors (KayGraph behaviour).</summary>
public sealed class UnknownActionTests
{
    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task UnknownActionEndsTheGraphWithAWarning(NodeKind kind)
    {
        var logger = new RecordingLogger();
        var journal = new Journal();
        var decide = Scripted.Step(kind, "decide", "maybe");
        var graph = Scripted.Graph(kind, decide);
        _ = decide - "yes" >> Scripted.Step(kind, "yes");
        _ = decide - "no" >> Scripted.Step(kind, "no");

        var action = await graph.RunAsync(journal, new RunOptions { Logger = logger });

        Assert.Equal("maybe", action);
        Assert.Equal(["decide"], journal.Events);
        var warning = Assert.Single(logger.Named("ActionNotFound"));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("'decide'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'maybe'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("[yes, no]", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NodeWithoutSuccessorsEndsTheGraphSilentlyEvenInStrictMode(bool strict)
    {
        var logger = new RecordingLogger();
        var graph = new Graph<Journal>(Scripted.Step(NodeKind.Sync, "last", "anything"));

        var action = await graph.RunAsync(new Journal(), new RunOptions { Logger = logger, StrictActions = strict });

        Assert.Equal("anything", action);
        Assert.Empty(logger.Entries);
    }
}
