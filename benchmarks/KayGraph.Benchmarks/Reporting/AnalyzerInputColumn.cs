using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using KayGraph.Benchmarks.CompileTime;

namespace KayGraph.Benchmarks.Reporting;

/// <summary>Which sources the analyzer benchmark compiled: with the generated sources, or the user's alone.</summary>
public sealed class AnalyzerInputColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(AnalyzerInputColumn);

    /// <inheritdoc />
    public string ColumnName => "Sources";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => false;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "The sources of the analyzed compilation";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        CompilationWorkload.GeneratorAvailable ? "user + generated" : "user only (no generator)";

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;
}
