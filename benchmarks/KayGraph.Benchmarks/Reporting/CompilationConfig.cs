using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace KayGraph.Benchmarks.Reporting;

/// <summary>
/// The job of the compile-time benchmarks: each iteration is one whole operation of hundreds of milliseconds or more
/// (monitoring strategy), one warm-up, five iterations unless a table asks for more, memory diagnoser on, ratios to the
/// baseline.
/// </summary>
public sealed class CompilationConfig : ManualConfig
{
    /// <summary>The measured iterations of a table that does not ask for more.</summary>
    public const int DefaultIterations = 5;

    /// <summary>Creates the configuration.</summary>
    /// <param name="iterations">The measured iterations of each benchmark.</param>
    public CompilationConfig(int iterations = DefaultIterations)
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(iterations)
            .WithId("Compile"));
        AddDiagnoser(MemoryDiagnoser.Default);
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);
    }
}
