using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using KayGraph.Benchmarks.Reporting;

namespace KayGraph.Benchmarks.Batches;

/// <summary>
/// How long one <c>await Task.Delay(1 ms)</c> really takes on this machine: the wave time a parallel batch cannot beat, so
/// the parallel batch results can be read against what the timer allows and not only against the ideal.
/// </summary>
[Config(typeof(BatchConfig))]
public class TimerBenchmarks
{
    /// <summary>One awaited delay of <see cref="BatchWorkload.ItemDelay"/>.</summary>
    /// <returns>A task that completes after the delay.</returns>
    [Benchmark]
    public Task OneItemDelay() => Task.Delay(BatchWorkload.ItemDelay);
}
