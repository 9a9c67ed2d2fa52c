using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace KayGraph.Benchmarks.Reporting;

/// <summary>
/// The job of the micro-benchmarks: one process, a short warm-up and a few iterations (the suite must finish in about a
/// quarter of an hour on two shared cores), memory diagnoser on, ratios to the baseline of each category.
/// </summary>
public sealed class TransitionConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public TransitionConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(4)
            .WithIterationCount(10)
            .WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);
    }
}
