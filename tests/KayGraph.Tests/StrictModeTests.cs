using System;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Strict mode (<see cref="RunOptions.StrictActions"/>): an unknown action throws <see cref="UnknownActionException"/> naming node, action and available actions.</summary>
public sealed class StrictModeTests
{
    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task StrictModeThrowsNamingNodeActionAndAvailableActions(NodeKind kind)
    {
        var journal = new Journal();
        var decide = Scripted.Step(kind, "decide", "maybe");
        var graph = Scripted.Graph(kind, decide);
        _ = decide - "yes" >> Scripted.Step(kind, "yes");
        _ = decide - "no" >> Scripted.Step(kind, "no");

        var error = await Assert.ThrowsAsync<UnknownActionException>(
            async () => await graph.RunAsync(journal, new RunOptions { StrictActions = true }));

        Assert.Equal("decide", error.NodeId);
        Assert.Equal("maybe", error.Action);
        Assert.Equal(["yes", "no"], error.AvailableActions);
        Assert.Contains("'decide'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'maybe'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[yes, no]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrictModeNamesTheDefaultActionForANullAction()
    {
        var decide = Scripted.Step(NodeKind.Sync, "decide");
        var graph = new Graph<Journal>(decide) { Options = new RunOptions { StrictActions = true } };
        _ = decide - "only" >> Scripted.Step(NodeKind.Sync, "only");

        var error = await Assert.ThrowsAsync<UnknownActionException>(async () => await graph.RunAsync(new Journal()));

        Assert.Equal("default", error.Action);
    }

    [Fact]
    public void GraphRuntimeActionNotFoundFollowsTheOptions()
    {
        var logger = new RecordingLogger();
        var lenient = new NodeContext(new RunOptions { Logger = logger });
        var strict = new NodeContext(new RunOptions { StrictActions = true });

        GraphRuntime.ActionNotFound(lenient, "generated", "x", ["a"]);
        GraphRuntime.ActionNotFound(strict, "generated", "x", []);
        var error = Assert.Throws<UnknownActionException>(() => GraphRuntime.ActionNotFound(strict, "generated", null, ["a", "b"]));

        Assert.Single(logger.Named("ActionNotFound"));
        Assert.Equal("default", error.Action);
        Assert.Equal(["a", "b"], error.AvailableActions);
    }
}
