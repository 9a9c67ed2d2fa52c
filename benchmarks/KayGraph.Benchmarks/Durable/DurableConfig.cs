using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace KayGraph.Benchmarks.Durable;

/// <summary>
/// The job of the durable-step table: one process, 3 warm-up and 15 measured iterations (BenchmarkDotNet picks the
/// invocations per iteration; one invocation is a whole run of <see cref="DurableStepWorkload.Steps"/> steps, milliseconds
/// on a disk), the memory diagnoser, the median.
/// </summary>
public sealed class DurableConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public DurableConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithId("Durable"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);
    }
}
