using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace KayGraph.Benchmarks.Reporting;

/// <summary>
/// The job of the compile-time benchmarks: each iteration is one whole operation of hundreds of milliseconds or more
/// (monitoring strategy), one warm-up, five iterations, memory diagnoser on, ratios to the baseline.
/// </summary>
public sealed class CompilationConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public CompilationConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithId("Compile"));
        AddDiagnoser(MemoryDiagnoser.Default);
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);
    }
}
