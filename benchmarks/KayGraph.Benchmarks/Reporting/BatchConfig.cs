using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace KayGraph.Benchmarks.Reporting;

/// <summary>
/// The job of the parallel batch benchmark: each iteration is one whole batch (monitoring strategy: no pilot, one
/// invocation per iteration), a few warm-up batches, memory diagnoser on, and the ideal-time and per-item columns.
/// </summary>
public sealed class BatchConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public BatchConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithId("Batch"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new IdealTimeColumn(), new RatioToIdealColumn(), new AllocatedPerItemColumn());
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);
    }
}
