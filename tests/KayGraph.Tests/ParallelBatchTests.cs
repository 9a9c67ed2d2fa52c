using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Parallel batch nodes: results keep the input order, and the concurrency limit is never exceeded and actually reached.</summary>
public sealed class ParallelBatchTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task AsyncParallelBatchNeverExceedsAndReachesItsLimit(int limit)
    {
        var probe = new ConcurrencyProbe(limit);
        var journal = new Journal();
        var node = new ProbedAsyncParallelBatch(probe, Enumerable.Range(1, 12).ToArray(), limit);

        await node.RunAsync(journal);

        Assert.Equal(limit, probe.Peak);
        Assert.Equal(0, probe.Current);
        Assert.Equal([string.Join(",", Enumerable.Range(1, 12).Select(i => i * 10))], journal.Events);
    }

    [Fact]
    public async Task AsyncParallelBatchWithoutALimitRunsEveryItemAtOnce()
    {
        var probe = new ConcurrencyProbe(8);
        var node = new ProbedAsyncParallelBatch(probe, Enumerable.Range(1, 8).ToArray(), int.MaxValue);

        await node.RunAsync(new Journal());

        Assert.Equal(8, probe.Peak);
    }

    [Fact]
    public async Task AsyncParallelBatchKeepsInputOrderWhenItemsFinishInReverse()
    {
        var journal = new Journal();
        var completion = new ConcurrentQueue<int>();
        var node = new ReverseFinishingBatch(5, completion);

        await node.RunAsync(journal);

        Assert.Equal([4, 3, 2, 1, 0], completion);
        Assert.Equal(["items [0, 1, 2, 3, 4] results [r0, r1, r2, r3, r4]"], journal.Events);
    }

    [Fact]
    public async Task SyncParallelBatchNeverExceedsAndReachesItsLimit()
    {
        var probe = new ConcurrencyProbe(2);
        var journal = new Journal();
        var node = new ProbedParallelBatch(probe, [5, 4, 3, 2, 1, 0], 2);

        await node.RunAsync(journal);

        Assert.Equal(2, probe.Peak);
        Assert.Equal(["5,4,3,2,1,0"], journal.Events);
    }

    [Fact]
    public async Task SyncParallelBatchKeepsInputOrderWhenItemsFinishOutOfOrder()
    {
        var journal = new Journal();
        var completion = new ConcurrentQueue<int>();
        var node = new PairwiseReversedParallelBatch(completion);

        await node.RunAsync(journal);

        Assert.Equal([1, 0, 3, 2], completion);
        Assert.Equal(["0,1,2,3"], journal.Events);
    }

    [Fact]
    public async Task AFailingItemFailsTheNodeAndStopsStartingNewItems()
    {
        var started = new ConcurrentQueue<int>();
        var node = new FailingParallelBatch(started);

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await node.RunAsync(new Journal()));

        Assert.Equal("exec", error.Phase);
        Assert.Equal("FailingParallelBatch", error.NodeId);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal([0], started);
    }

    [Fact]
    public async Task SyncParallelBatchWithoutALimitRunsItsItemsInParallelOnThreads()
    {
        using var barrier = new Barrier(3); // each item waits until all three are inside exec: only parallel items pass
        var node = new BarrierParallelBatch(barrier);
        var journal = new Journal();

        await node.RunAsync(journal);

        Assert.Equal(["True,True,True"], journal.Events);
    }

    [Fact]
    public async Task AsyncParallelBatchWithoutALimitWaitsForEveryItemThenRethrowsTheFirstFailureInInputOrder()
    {
        var finished = new ConcurrentQueue<int>();
        var node = new LateFailingParallelBatch(finished);

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await node.RunAsync(new Journal()));

        Assert.Equal("item 2 failed", error.InnerException!.Message); // item 5 failed earlier in time, item 2 comes first
        Assert.Equal([0, 1, 3, 4, 6, 7], finished.Order()); // every other item ran to its end before the node failed
    }

    private sealed class BarrierParallelBatch(Barrier barrier) : ParallelBatchNode<Journal, int, bool>
    {
        protected override IEnumerable<int> Prep(Journal shared, NodeContext context) => [1, 2, 3];

        protected override bool Exec(int item, NodeContext context) => barrier.SignalAndWait(TimeSpan.FromSeconds(20));

        protected override string? Post(Journal shared, IReadOnlyList<int> items, IReadOnlyList<bool> results, NodeContext context)
        {
            shared.Record(string.Join(",", results));
            return null;
        }
    }

    /// <summary>Item i finishes after (8 - i) × 15 ms; items 2 and 5 then fail, so item 5 fails first.</summary>
    private sealed class LateFailingParallelBatch(ConcurrentQueue<int> finished) : AsyncParallelBatchNode<Journal, int, int>
    {
        public override ValueTask<BatchSource<int>> PrepAsync(Journal shared, NodeContext context) => new(Enumerable.Range(0, 8).ToArray());

        public override async ValueTask<int> ExecAsync(int input, NodeContext context)
        {
            await Task.Delay((8 - input) * 15);
            if (input is 2 or 5)
            {
                throw new InvalidOperationException($"item {input} failed");
            }

            finished.Enqueue(input);
            return input;
        }
    }

    private sealed class ProbedAsyncParallelBatch(ConcurrencyProbe probe, int[] items, int limit) : AsyncParallelBatchNode<Journal, int, int>(limit)
    {
        public override ValueTask<BatchSource<int>> PrepAsync(Journal shared, NodeContext context) => new(items);

        public override async ValueTask<int> ExecAsync(int input, NodeContext context) => await probe.RunAsync(() => input * 10);

        public override ValueTask<string?> PostAsync(Journal shared, IReadOnlyList<int> items, IReadOnlyList<int> results, NodeContext context)
        {
            shared.Record(string.Join(",", results));
            return default;
        }
    }

    private sealed class ProbedParallelBatch(ConcurrencyProbe probe, int[] items, int limit) : ParallelBatchNode<Journal, int, int>(limit)
    {
        protected override IEnumerable<int> Prep(Journal shared, NodeContext context) => items;

        protected override int Exec(int item, NodeContext context) => probe.Run(() => item);

        protected override string? Post(Journal shared, IReadOnlyList<int> items, IReadOnlyList<int> results, NodeContext context)
        {
            shared.Record(string.Join(",", results));
            return null;
        }
    }

    /// <summary>Item i waits until item i+1 has finished, so items finish last-to-first.</summary>
    private sealed class ReverseFinishingBatch : AsyncParallelBatchNode<Journal, int, string>
    {
        private readonly TaskCompletionSource[] _finished;
        private readonly int _count;
        private readonly ConcurrentQueue<int> _completion;

        public ReverseFinishingBatch(int count, ConcurrentQueue<int> completion)
        {
            _count = count;
            _completion = completion;
            _finished = Enumerable.Range(0, count).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        }

        public override ValueTask<BatchSource<int>> PrepAsync(Journal shared, NodeContext context) => new(Enumerable.Range(0, _count).ToArray());

        public override async ValueTask<string> ExecAsync(int input, NodeContext context)
        {
            if (input + 1 < _count)
            {
                await _finished[input + 1].Task.WaitAsync(TimeSpan.FromSeconds(10));
            }

            _completion.Enqueue(input);
            _finished[input].SetResult();
            return $"r{input}";
        }

        public override ValueTask<string?> PostAsync(Journal shared, IReadOnlyList<int> items, IReadOnlyList<string> results, NodeContext context)
        {
            shared.Record($"items [{string.Join(", ", items)}] results [{string.Join(", ", results)}]");
            return default;
        }
    }

    /// <summary>Two workers; in each pair the even item waits for the odd one, so pairs finish in reverse.</summary>
    private sealed class PairwiseReversedParallelBatch(ConcurrentQueue<int> completion) : ParallelBatchNode<Journal, int, int>(maxConcurrency: 2)
    {
        private readonly ManualResetEventSlim[] _finished = [new(), new(), new(), new()];

        protected override IEnumerable<int> Prep(Journal shared, NodeContext context) => [0, 1, 2, 3];

        protected override int Exec(int item, NodeContext context)
        {
            if (item % 2 == 0 && !_finished[item + 1].Wait(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"item {item + 1} never finished");
            }

            completion.Enqueue(item);
            _finished[item].Set();
            return item;
        }

        protected override string? Post(Journal shared, IReadOnlyList<int> items, IReadOnlyList<int> results, NodeContext context)
        {
            shared.Record(string.Join(",", results));
            return null;
        }
    }

    private sealed class FailingParallelBatch(ConcurrentQueue<int> started) : AsyncParallelBatchNode<Journal, int, int>(maxConcurrency: 1)
    {
        public override ValueTask<BatchSource<int>> PrepAsync(Journal shared, NodeContext context) => new(new[] { 0, 1, 2, 3 });

        public override async ValueTask<int> ExecAsync(int input, NodeContext context)
        {
            started.Enqueue(input);
            await Task.Yield();
            throw new InvalidOperationException($"item {input} failed");
        }
    }
}
