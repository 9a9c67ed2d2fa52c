using BenchmarkDotNet.Configs;

namespace KayGraph.Benchmarks.Reporting;

/// <summary>The compile-time job plus the column that reports what the incremental run regenerated.</summary>
public sealed class GeneratorConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public GeneratorConfig()
    {
        Add(new CompilationConfig());
        AddColumn(new IncrementalStepsColumn());
    }
}
