using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using KayGraph.Benchmarks.Transitions.Dsl;

namespace KayGraph.Benchmarks.Transitions;

/// <summary>The generated-graph row of <see cref="RunOverheadBenchmarks"/>.</summary>
public partial class RunOverheadBenchmarks
{
    private SyncCounterGraph _generatedSync = null!;

    /// <summary>A one-node run of the generated graph.</summary>
    /// <returns>The last action.</returns>
    [Benchmark]
    public async ValueTask<string?> GeneratedGraphSingleNode()
    {
        _store.Reset();
        return await _generatedSync.RunAsync(_store, CancellationToken.None).ConfigureAwait(false);
    }

    partial void SetupGenerated() => _generatedSync = new SyncCounterGraph();
}
