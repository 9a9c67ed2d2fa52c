using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Batch graphs: the sub-graph runs once per parameter set, with the graph's params merged with the set (the set wins).</summary>
public sealed class BatchGraphTests
{
    private static readonly IReadOnlyDictionary<string, object?> GraphParams = new Dictionary<string, object?>
    {
        ["region"] = "eu",
        ["mode"] = "graph",
    };

    private static readonly IReadOnlyDictionary<string, object?>[] Sets =
    [
        new Dictionary<string, object?> { ["file"] = "1", ["mode"] = "a" },
        new Dictionary<string, object?> { ["file"] = "2", ["mode"] = "b" },
        new Dictionary<string, object?> { ["file"] = "3" },
    ];

    private static readonly string[] Expected =
    [
        "read 1 mode=a region=eu", "write 1",
        "read 2 mode=b region=eu", "write 2",
        "read 3 mode=graph region=eu", "write 3",
    ];

    [Fact]
    public async Task BatchGraphRunsTheSubGraphOncePerMergedSetInOrder()
    {
        var journal = new Journal();
        var graph = new FilesBatchGraph(SubGraphStart(NodeKind.Sync)) { Params = GraphParams };

        var action = await graph.RunAsync(journal);

        Assert.Null(action);
        Assert.Equal(Expected, journal.Events);
    }

    [Fact]
    public async Task AsyncBatchGraphRunsTheSubGraphOncePerMergedSetInOrder()
    {
        var journal = new Journal();
        var graph = new FilesAsyncBatchGraph(SubGraphStart(NodeKind.Async)) { Params = GraphParams };

        var action = await graph.RunAsync(journal);

        Assert.Null(action);
        Assert.Equal(Expected, journal.Events);
    }

    [Fact]
    public async Task AsyncParallelBatchGraphRunsEveryMergedSet()
    {
        var journal = new Journal();
        var graph = new FilesParallelBatchGraph(SubGraphStart(NodeKind.Async), int.MaxValue) { Params = GraphParams };

        var action = await graph.RunAsync(journal);

        Assert.Null(action);
        Assert.Equal(Expected.Order(StringComparer.Ordinal), journal.Events.Order(StringComparer.Ordinal));
        foreach (var file in new[] { "1", "2", "3" })
        {
            var events = journal.Events.Where(e => e.EndsWith(file, StringComparison.Ordinal) || e.StartsWith($"read {file}", StringComparison.Ordinal)).ToArray();
            Assert.Equal(2, events.Length);
            Assert.StartsWith("read", events[0], StringComparison.Ordinal);
            Assert.StartsWith("write", events[1], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task AsyncParallelBatchGraphNeverExceedsAndReachesItsLimit(int limit)
    {
        var probe = new ConcurrencyProbe(limit);
        var start = new ProbedNode(probe);
        var sets = Enumerable.Range(0, 8).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["file"] = $"{i}" }).ToArray();
        var graph = new FilesParallelBatchGraph(start, limit, sets);

        await graph.RunAsync(new Journal());

        Assert.Equal(limit, probe.Peak);
    }

    [Fact]
    public async Task NestedBatchGraphMergesItsParentsParamsAndTakesTheDefaultAction()
    {
        var journal = new Journal();
        var batch = new FilesAsyncBatchGraph(SubGraphStart(NodeKind.Async));
        var outer = new AsyncGraph<Journal>(batch) { Params = new Dictionary<string, object?> { ["region"] = "us", ["mode"] = "outer" } };
        _ = batch >> Scripted.Node(NodeKind.Sync, "after", new NodeScript<string, string>
        {
            Exec = (_, context) => (string)context.Params["region"]!,
            Post = (shared, _, region, _) =>
            {
                shared.Record($"after region={region}");
                return "done";
            },
        });

        var action = await outer.RunAsync(journal);

        Assert.Equal("done", action);
        Assert.Equal("after region=us", journal.Events[^1]);
        Assert.Equal(
            ["read 1 mode=a region=us", "write 1", "read 2 mode=b region=us", "write 2", "read 3 mode=outer region=us", "write 3", "after region=us"],
            journal.Events);
    }

    [Fact]
    public void MergeParamsLetsTheSetWin()
    {
        var merged = GraphRuntime.MergeParams(GraphParams, Sets[0]);
        var withoutSet = GraphRuntime.MergeParams(GraphParams, null);

        Assert.Equal("a", merged["mode"]);
        Assert.Equal("eu", merged["region"]);
        Assert.Equal("1", merged["file"]);
        Assert.Equal(3, merged.Count);
        Assert.Equal(GraphParams, withoutSet);
        Assert.NotSame(GraphParams, withoutSet);
        Assert.Equal("graph", GraphParams["mode"]);
    }

    private static NodeBase<Journal> SubGraphStart(NodeKind kind)
    {
        var read = Scripted.Node(kind, "read", new NodeScript<string, string>
        {
            Exec = (_, context) => $"read {context.Params["file"]} mode={context.Params["mode"]} region={context.Params["region"]}",
            Post = (shared, _, line, _) =>
            {
                shared.Record(line);
                return null;
            },
        });
        _ = read >> Scripted.Node(kind, "write", new NodeScript<string, string>
        {
            Exec = (_, context) => $"write {context.Params["file"]}",
            Post = (shared, _, line, _) =>
            {
                shared.Record(line);
                return "written";
            },
        });
        return read;
    }

    private sealed class ProbedNode(ConcurrencyProbe probe) : AsyncNode<Journal, Unit, string>
    {
        public override async ValueTask<string> ExecAsync(Unit input, NodeContext context) =>
            await probe.RunAsync(() => (string)context.Params["file"]!);
    }

    private sealed class FilesBatchGraph(INode<Journal> start) : BatchGraph<Journal>(start)
    {
        protected override IEnumerable<IReadOnlyDictionary<string, object?>> PrepBatch(Journal shared, NodeContext context) => Sets;
    }

    private sealed class FilesAsyncBatchGraph(INode<Journal> start) : AsyncBatchGraph<Journal>(start)
    {
        protected override async ValueTask<IEnumerable<IReadOnlyDictionary<string, object?>>> PrepBatchAsync(Journal shared, NodeContext context)
        {
            await Task.Yield();
            return Sets;
        }
    }

    private sealed class FilesParallelBatchGraph(INode<Journal> start, int maxConcurrency, IReadOnlyDictionary<string, object?>[]? sets = null)
        : AsyncParallelBatchGraph<Journal>(start, maxConcurrency)
    {
        protected override ValueTask<IEnumerable<IReadOnlyDictionary<string, object?>>> PrepBatchAsync(Journal shared, NodeContext context) =>
            new(sets ?? Sets);
    }
}
