using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Sequential batch nodes: exec once per item, in order; post receives items and results in input order.</summary>
public sealed class BatchTests
{
    [Fact]
    public async Task BatchNodeRunsEachItemInOrderAndPostGetsResultsInInputOrder()
    {
        var journal = new Journal();
        var node = new SquareBatch();

        var action = await node.RunAsync(journal);

        Assert.Equal("squared", action);
        Assert.Equal([3, 1, 2], node.Executed);
        Assert.Equal(["after_exec [9, 1, 4]", "post [3, 1, 2] -> [9, 1, 4]"], journal.Events);
    }

    [Fact]
    public async Task BatchNodeReadsALazyPrepOnlyOnce()
    {
        var journal = new Journal();
        var node = new LazyBatch();

        await node.RunAsync(journal);

        Assert.Equal(1, node.Enumerations);
        Assert.Equal(["post [a, b]"], journal.Events);
    }

    [Fact]
    public async Task EmptyBatchCallsPostWithEmptyLists()
    {
        var journal = new Journal();
        var node = new SquareBatch([]);

        await node.RunAsync(journal);

        Assert.Empty(node.Executed);
        Assert.Equal(["after_exec []", "post [] -> []"], journal.Events);
    }

    [Fact]
    public async Task AsyncBatchNodeRunsItemsOneAfterAnother()
    {
        var journal = new Journal();
        var node = new SequentialAsyncBatch(journal, BatchSource<int>.From([1, 2, 3, 4]));

        await node.RunAsync(journal);

        Assert.Equal(1, node.Peak);
        Assert.Equal(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3", "start 4", "end 4", "post [10, 20, 30, 40]"], journal.Events);
    }

    [Fact]
    public async Task AsyncBatchNodeAcceptsAnAsyncEnumerableOfItems()
    {
        var journal = new Journal();
        var node = new SequentialAsyncBatch(journal, BatchSource<int>.FromAsync(CountAsync(3)));

        await node.RunAsync(journal);

        Assert.Equal("post [10, 20, 30]", journal.Events[^1]);
    }

    [Fact]
    public async Task BatchNodeRoutesOnItsActionInsideAGraph()
    {
        var journal = new Journal();
        var batch = new SquareBatch();
        var graph = new Graph<Journal>(batch);
        _ = batch - "squared" >> Scripted.Step(NodeKind.Sync, "next", "end");

        var action = await graph.RunAsync(journal);

        Assert.Equal("end", action);
        Assert.Equal("next", journal.Events[^1]);
    }

    private static async IAsyncEnumerable<int> CountAsync(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }

    private sealed class SquareBatch(int[]? items = null) : BatchNode<Journal, int, int>
    {
        /// <summary>The items exec saw, in order (exec must not touch the shared store).</summary>
        public System.Collections.Concurrent.ConcurrentQueue<int> Executed { get; } = new();

        protected override IEnumerable<int> Prep(Journal shared, NodeContext context) => items ?? [3, 1, 2];

        protected override int Exec(int item, NodeContext context)
        {
            Executed.Enqueue(item);
            return item * item;
        }

        protected override void AfterExec(Journal shared, IReadOnlyList<int> results, NodeContext context) =>
            shared.Record($"after_exec [{string.Join(", ", results)}]");

        protected override string? Post(Journal shared, IReadOnlyList<int> items, IReadOnlyList<int> results, NodeContext context)
        {
            shared.Record($"post [{string.Join(", ", items)}] -> [{string.Join(", ", results)}]");
            return "squared";
        }
    }

    private sealed class LazyBatch : BatchNode<Journal, string, string>
    {
        private int _enumerations;

        public int Enumerations => _enumerations;

        protected override IEnumerable<string> Prep(Journal shared, NodeContext context) => Items();

        protected override string Exec(string item, NodeContext context) => item;

        protected override string? Post(Journal shared, IReadOnlyList<string> items, IReadOnlyList<string> results, NodeContext context)
        {
            shared.Record($"post [{string.Join(", ", results)}]");
            return null;
        }

        private IEnumerable<string> Items()
        {
            Interlocked.Increment(ref _enumerations);
            yield return "a";
            yield return "b";
        }
    }

    /// <summary>Records when each item starts and ends into <paramref name="observer"/> (exec does not touch the store).</summary>
    private sealed class SequentialAsyncBatch(Journal observer, BatchSource<int> items) : AsyncBatchNode<Journal, int, int>
    {
        private int _current;
        private int _peak;

        public int Peak => _peak;

        public override ValueTask<BatchSource<int>> PrepAsync(Journal shared, NodeContext context) => new(items);

        public override async ValueTask<int> ExecAsync(int input, NodeContext context)
        {
            var now = Interlocked.Increment(ref _current);
            _peak = Math.Max(_peak, now);
            observer.Record($"start {input}");
            await Task.Yield();
            await Task.Yield();
            observer.Record($"end {input}");
            Interlocked.Decrement(ref _current);
            return input * 10;
        }

        public override ValueTask<string?> PostAsync(Journal shared, IReadOnlyList<int> items, IReadOnlyList<int> results, NodeContext context)
        {
            shared.Record($"post [{string.Join(", ", results.Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]");
            return default;
        }
    }
}
