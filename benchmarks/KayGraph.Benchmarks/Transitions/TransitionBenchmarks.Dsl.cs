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
        contenders.Add(("generated graph (async phases)", async store => await new AsyncCounterGraph().RunAsync(store, CancellationToken.None).ConfigureAwait(false)));
    }
}
