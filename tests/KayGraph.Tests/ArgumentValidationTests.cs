using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Public entry points reject <see langword="null"/> arguments with <see cref="ArgumentNullException"/> naming the parameter.</summary>
public sealed class ArgumentValidationTests
{
    [Fact]
    public void WiringRejectsNull()
    {
        var node = Scripted.Step(NodeKind.Sync, "a");

        Assert.Equal("node", Assert.Throws<ArgumentNullException>(() => node.Next<NodeBase<Journal>>(null!)).ParamName);
        Assert.Equal("left", Assert.Throws<ArgumentNullException>(() => (NodeBase<Journal>)null! >> node).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentNullException>(() => new Graph<Journal>().Start<NodeBase<Journal>>(null!)).ParamName);
    }

    [Fact]
    public async Task RunningWithoutAContextIsRejected()
    {
        var graph = new Graph<Journal>(Scripted.Step(NodeKind.Sync, "a"));
        var batchGraph = new EmptyBatchGraph();

        Assert.Equal("context", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await graph.RunAsync(new Journal(), (NodeContext)null!))).ParamName);
        Assert.Equal("context", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await batchGraph.RunAsync(new Journal(), (NodeContext)null!))).ParamName);
    }

    [Fact]
    public async Task GraphRuntimeRejectsNull()
    {
        var context = new NodeContext();

        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => GraphRuntime.ActionNotFound(null!, "n", null, [])).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentNullException>(() => GraphRuntime.MergeParams(null!, null)).ParamName);
        Assert.Equal("context", (await Assert.ThrowsAsync<ArgumentNullException>(() => GraphRuntime.RunParameterSetsAsync([], null!, 1, _ => default))).ParamName);
        Assert.Equal("runOnce", (await Assert.ThrowsAsync<ArgumentNullException>(() => GraphRuntime.RunParameterSetsAsync([], context, 1, null!))).ParamName);
    }

    [Fact]
    public async Task RunParameterSetsTreatsNullSetsAsNone()
    {
        var runs = 0;

        await GraphRuntime.RunParameterSetsAsync(null, new NodeContext(), 1, _ =>
        {
            runs++;
            return default;
        });

        Assert.Equal(0, runs);
    }

    [Fact]
    public void TransitionCarriesItsSourceAndAction()
    {
        var node = Scripted.Step(NodeKind.Sync, "a");

        var transition = node - "go";

        Assert.Same(node, transition.From);
        Assert.Equal("go", transition.Action);
    }

    private sealed class EmptyBatchGraph : BatchGraph<Journal>
    {
        protected override IEnumerable<IReadOnlyDictionary<string, object?>> PrepBatch(Journal shared, NodeContext context) => [];
    }
}
