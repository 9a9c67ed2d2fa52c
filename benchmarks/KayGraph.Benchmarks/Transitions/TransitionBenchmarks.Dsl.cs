using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using KayGraph.Benchmarks.Counting;
using KayGraph.Benchmarks.Transitions.Dsl;

namespace KayGraph.Benchmarks.Transitions;

/// <summary>The generated-graph contenders of <see cref="TransitionBenchmarks"/>.</summary>
public partial class TransitionBenchmarks
{
    private SyncCounterGraph _generatedSync = null!;
    private AsyncCounterGraph _generatedAsync = null!;

    /// <summary>The generated graph (<c>[Node]</c>/<c>[Next]</c>/<c>[Graph]</c>) with synchronous phases.</summary>
    /// <returns>The last action.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Sync)]
    public async ValueTask<string?> GeneratedGraph()
    {
        _store.Reset();
        return await _generatedSync.RunAsync(_store, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// The same generated graph with a listener attached: <c>RunStreamingAsync</c> consumed to the end, so every node start
    /// and completion goes through the run's event channel to this reader (issue 14's listener cost).
    /// </summary>
    /// <returns>The number of events read.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Sync)]
    public async ValueTask<int> GeneratedGraphWithListener()
    {
        _store.Reset();
        var events = 0;
        await foreach (var _ in _generatedSync.RunStreamingAsync(_store, CancellationToken.None).ConfigureAwait(false))
        {
            events++;
        }

        return events;
    }

    /// <summary>The generated graph with asynchronous phases (completing synchronously).</summary>
    /// <returns>The last action.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Async)]
    public async ValueTask<string?> GeneratedGraphAsync()
    {
        _store.Reset();
        return await _generatedAsync.RunAsync(_store, CancellationToken.None).ConfigureAwait(false);
    }

    partial void SetupGenerated()
    {
        _generatedSync = new SyncCounterGraph();
        _generatedAsync = new AsyncCounterGraph();
    }

    static partial void AddGeneratedContenders(List<(string Name, Func<CounterStore, Task> Run)> contenders)
    {
        contenders.Add(("generated graph (sync phases)", async store => await new SyncCounterGraph().RunAsync(store, CancellationToken.None).ConfigureAwait(false)));
        contenders.Add(("generated graph (sync phases), listener", async store => await CountEventsAsync(new SyncCounterGraph(), store).ConfigureAwait(false)));
        contenders.Add(("generated graph (async phases)", async store => await new AsyncCounterGraph().RunAsync(store, CancellationToken.None).ConfigureAwait(false)));
    }

    /// <summary>
    /// Reads every event of a streamed run and checks it saw one <see cref="NodeCompleted"/> per transition (and as many
    /// <see cref="NodeStarted"/>), between one <see cref="GraphStarted"/> and one <see cref="GraphCompleted"/>.
    /// </summary>
    private static async Task CountEventsAsync(SyncCounterGraph graph, CounterStore store)
    {
        int started = 0, completed = 0, graphs = 0, total = 0;
        await foreach (var e in graph.RunStreamingAsync(store, CancellationToken.None).ConfigureAwait(false))
        {
            total++;
            switch (e)
            {
                case NodeStarted:
                    started++;
                    break;
                case NodeCompleted:
                    completed++;
                    break;
                case GraphStarted or GraphCompleted:
                    graphs++;
                    break;
            }
        }

        if (completed != store.Limit || started != store.Limit || graphs != 2 || total != (2 * store.Limit) + 2)
        {
            throw new InvalidOperationException(
                $"{completed} NodeCompleted, {started} NodeStarted, {graphs} graph events, {total} in all; expected {store.Limit}, {store.Limit}, 2, {(2 * store.Limit) + 2}.");
        }
    }
}
