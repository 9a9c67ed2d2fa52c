using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using KayGraph.Benchmarks.Reporting;

namespace KayGraph.Benchmarks.Batches;

/// <summary>
/// A parallel batch of <see cref="BatchWorkload.Items"/> items whose exec awaits <see cref="BatchWorkload.ItemDelay"/>, run
/// by KayGraph's <see cref="AsyncParallelBatchNode{TShared, TItem, TResult}"/> unbounded and with a limit of 64, against the
/// ideal time (<c>ceil(items / limit) × delay</c>, printed in the table) and against the same batch written by hand with
/// <see cref="Task.WhenAll(Task[])"/> / <c>Parallel.ForAsync</c>. Memory per in-flight item is the allocation of one run
/// divided by the number of items.
/// </summary>
[Config(typeof(BatchConfig))]
public class ParallelBatchBenchmarks
{
    private BatchStore _store = null!;
    private DelayBatchNode _node = null!;

    /// <summary>The concurrency limits measured.</summary>
    [ParamsSource(nameof(Limits))]
    public ConcurrencyLimit Limit { get; set; } = ConcurrencyLimit.Unbounded;

    /// <summary>Unbounded, and 64 items in flight.</summary>
    public static IEnumerable<ConcurrencyLimit> Limits => [ConcurrencyLimit.Unbounded, ConcurrencyLimit.Of(64)];

    /// <summary>Creates the items and the node once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _store = new BatchStore(BatchWorkload.Items);
        _node = new DelayBatchNode(Limit.MaxConcurrency);
    }

    /// <summary>Checks that the last run processed every item once, in input order.</summary>
    [IterationCleanup]
    public void Check()
    {
        const long expected = (long)BatchWorkload.Items * (BatchWorkload.Items - 1) / 2;
        if (_store.Completed != BatchWorkload.Items || _store.Checksum != expected)
        {
            throw new InvalidOperationException($"The batch returned {_store.Completed} results (checksum {_store.Checksum}), expected {BatchWorkload.Items} ({expected}).");
        }
    }

    /// <summary>The same batch without KayGraph: what the machine's timers and thread pool allow.</summary>
    /// <returns>A task that completes with the batch.</returns>
    [Benchmark(Baseline = true)]
    public Task HandWritten()
    {
        _store.Completed = 0;
        return HandWrittenBatch.RunAsync(_store, Limit);
    }

    /// <summary>KayGraph's parallel batch node, run on its own.</summary>
    /// <returns>The node's action.</returns>
    [Benchmark]
    public ValueTask<string?> KayGraphParallelBatchNode()
    {
        _store.Completed = 0;
        return _node.RunAsync(_store);
    }
}
