using BenchmarkDotNet.Configs;

namespace KayGraph.Benchmarks.Reporting;

/// <summary>
/// The compile-time job with <see cref="Iterations"/> measured iterations, plus the column that reports what the incremental
/// run regenerated. Five iterations left the whole compilation's mean with an error of the size of the mean on this machine,
/// too wide to read the generator's share from; fifteen keep the table's run at about five minutes.
/// </summary>
public sealed class GeneratorConfig : ManualConfig
{
    /// <summary>The measured iterations of each row.</summary>
    public const int Iterations = 15;

    /// <summary>Creates the configuration.</summary>
    public GeneratorConfig()
    {
        Add(new CompilationConfig(Iterations));
        AddColumn(new IncrementalStepsColumn());
    }
}
