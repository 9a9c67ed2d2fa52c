using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Graph set-up errors get clear messages: async nodes in a sync graph, a missing start node, blocking runs of async nodes.</summary>
public sealed class GraphValidationTests
{
    [Fact]
    public async Task SyncGraphRejectsAnAsyncNodeNamingItAndPointingToAsyncGraph()
    {
        var journal = new Journal();
        var first = Scripted.Step(NodeKind.Sync, "sync-first");
        var graph = new Graph<Journal>(first, "sync-graph");
        _ = first >> Scripted.Step(NodeKind.Async, "async-second");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await graph.RunAsync(journal));

        Assert.Contains("'async-second'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'sync-graph'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AsyncGraph", error.Message, StringComparison.Ordinal);
        Assert.Equal(["sync-first"], journal.Events);
    }

    [Fact]
    public async Task SyncGraphRejectsAnAsyncBatchNodeAndANestedAsyncGraph()
    {
        var withBatch = new Graph<Journal>(new EmptyAsyncBatch());
        var withAsyncGraph = new Graph<Journal>(new AsyncGraph<Journal>(Scripted.Step(NodeKind.Sync, "inside"), "nested-async"));

        var batchError = await Assert.ThrowsAsync<InvalidOperationException>(async () => await withBatch.RunAsync(new Journal()));
        var graphError = await Assert.ThrowsAsync<InvalidOperationException>(async () => await withAsyncGraph.RunAsync(new Journal()));

        Assert.Contains("'EmptyAsyncBatch'", batchError.Message, StringComparison.Ordinal);
        Assert.Contains("'nested-async'", graphError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockingRunOfAnAsyncNodeIsRejected()
    {
        var node = Scripted.Step(NodeKind.Async, "async-only");

        var error = Assert.Throws<InvalidOperationException>(() => node.Run(new Journal()));

        Assert.Contains("'async-only'", error.Message, StringComparison.Ordinal);
        Assert.Contains("RunAsync", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task GraphWithoutStartNodeFailsClearly(NodeKind kind)
    {
        var graph = Scripted.Graph(kind, start: null, id: "empty-graph");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await graph.RunAsync(new Journal()));

        Assert.Contains("'empty-graph'", error.Message, StringComparison.Ordinal);
        Assert.Contains("start node", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartSetsTheStartNodeAndReturnsIt()
    {
        var journal = new Journal();
        var graph = new Graph<Journal>();
        var first = Scripted.Step(NodeKind.Sync, "first");

        var returned = graph.Start(first);
        _ = returned >> Scripted.Step(NodeKind.Sync, "second");
        await graph.RunAsync(journal);

        Assert.Same(first, returned);
        Assert.Same(first, graph.StartNode);
        Assert.Equal(["first", "second"], journal.Events);
    }

    [Fact]
    public void IdDefaultsToTheClassName()
    {
        Assert.Equal("EmptyAsyncBatch", new EmptyAsyncBatch().Id);
        Assert.Equal("Graph`1", new Graph<Journal>().Id);
        Assert.Equal("named", new Graph<Journal>(id: "named").Id);
    }

    private sealed class EmptyAsyncBatch : AsyncBatchNode<Journal, int, int>
    {
        public override ValueTask<BatchSource<int>> PrepAsync(Journal shared, NodeContext context) => new(new List<int>());

        public override ValueTask<int> ExecAsync(int input, NodeContext context) => new(input);
    }
}
