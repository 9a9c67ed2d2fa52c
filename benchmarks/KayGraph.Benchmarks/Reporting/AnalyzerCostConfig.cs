using BenchmarkDotNet.Configs;

namespace KayGraph.Benchmarks.Reporting;

/// <summary>The compile-time job plus the column that says which sources the analyzers ran on.</summary>
public sealed class AnalyzerCostConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public AnalyzerCostConfig()
    {
        Add(new CompilationConfig());
        AddColumn(new AnalyzerInputColumn());
    }
}
