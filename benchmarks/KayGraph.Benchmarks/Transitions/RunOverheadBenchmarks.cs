using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using KayGraph.Benchmarks.Counting;
using KayGraph.Benchmarks.Reporting;

namespace KayGraph.Benchmarks.Transitions;

/// <summary>
/// The fixed cost of starting and ending one graph run, which <see cref="TransitionBenchmarks"/> amortizes over
/// <see cref="Workload.Transitions"/> transitions: the same graphs with a limit of one, so a run is a single node run.
/// The allocation column shows what a run allocates once (its context, the end-of-graph bookkeeping), whatever its length.
/// </summary>
[Config(typeof(TransitionConfig))]
public partial class RunOverheadBenchmarks
{
    private readonly CounterStore _store = new(1);
    private AsyncGraph<CounterStore> _runtimeSyncGraph = null!;

    /// <summary>Builds the graphs once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _runtimeSyncGraph = RuntimeApiCounterGraph.CreateSync();
        SetupGenerated();
    }

    /// <summary>A one-node run of the runtime-API graph (the baseline: a hand-written single step compiles to nothing).</summary>
    /// <returns>The last action.</returns>
    [Benchmark(Baseline = true)]
    public ValueTask<string?> RuntimeApiGraphSingleNode()
    {
        _store.Reset();
        return _runtimeSyncGraph.RunAsync(_store);
    }

    /// <summary>Builds the generated graphs (a no-op while the generator's output is not part of the build).</summary>
    partial void SetupGenerated();
}
