using System.Collections.Generic;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Graphs nest: a graph can be the start or a successor of another graph, and its last action routes the outer graph.</summary>
public sealed class NestingTests
{
    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task GraphAsStartNodeRunsItsSubGraphAndRoutesOnItsLastAction(NodeKind kind)
    {
        var journal = new Journal();
        var innerStart = Scripted.Step(kind, "inner-1");
        var inner = Scripted.Graph(kind, innerStart, "inner");
        _ = innerStart >> Scripted.Step(kind, "inner-2", "inner-done");
        var outer = Scripted.Graph(kind, inner, "outer");
        _ = inner - "inner-done" >> Scripted.Step(kind, "after-inner", "outer-done");
        _ = inner >> Scripted.Step(kind, "wrong-branch");

        var action = await outer.RunAsync(journal);

        Assert.Equal("outer-done", action);
        Assert.Equal(["inner-1", "inner-2", "after-inner"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task GraphAsSuccessorRunsBetweenNodes(NodeKind kind)
    {
        var journal = new Journal();
        var first = Scripted.Step(kind, "first");
        var innerStart = Scripted.Step(kind, "inner-1");
        var inner = Scripted.Graph(kind, innerStart, "inner");
        _ = innerStart >> Scripted.Step(kind, "inner-2");
        var outer = Scripted.Graph(kind, first, "outer");
        _ = first >> inner >> Scripted.Step(kind, "last", "end");

        var action = await outer.RunAsync(journal);

        Assert.Equal("end", action);
        Assert.Equal(["first", "inner-1", "inner-2", "last"], journal.Events);
    }

    [Fact]
    public async Task ThreeLevelsDeepWithCustomGraphPost()
    {
        var journal = new Journal();
        var innermost = new Graph<Journal>(Scripted.Step(NodeKind.Sync, "leaf", "leaf-done"), "innermost");
        var middle = new RenamingGraph(innermost);
        var outer = new AsyncGraph<Journal>(middle, "outer");
        _ = middle - "renamed:leaf-done" >> Scripted.Step(NodeKind.Async, "tail", "finished");

        var action = await outer.RunAsync(journal);

        Assert.Equal("finished", action);
        Assert.Equal(["prep middle", "leaf", "tail"], journal.Events);
    }

    [Fact]
    public async Task NestedGraphRunsWithItsParentsParams()
    {
        var journal = new Journal();
        var reader = Scripted.Node(NodeKind.Sync, "reader", new NodeScript<string, string>
        {
            Exec = (_, context) => $"user={context.Params["user"]}",
            Post = (shared, _, line, _) =>
            {
                shared.Record(line);
                return null;
            },
        });
        var inner = new Graph<Journal>(reader, "inner") { Params = new Dictionary<string, object?> { ["user"] = "inner's own" } };
        var outer = new Graph<Journal>(inner, "outer") { Params = new Dictionary<string, object?> { ["user"] = "ada" } };

        await outer.RunAsync(journal);

        Assert.Equal(["user=ada"], journal.Events);
    }

    /// <summary>A graph with its own prep and post: prep journals, post renames the sub-graph's last action.</summary>
    private sealed class RenamingGraph(INode<Journal> start) : Graph<Journal>(start, "middle")
    {
        protected override ValueTask PrepAsync(Journal shared, NodeContext context)
        {
            shared.Record("prep middle");
            return default;
        }

        protected override ValueTask<string?> PostAsync(Journal shared, string? lastAction, NodeContext context) => new($"renamed:{lastAction}");
    }
}
