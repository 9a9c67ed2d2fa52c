using System;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using KayGraph.Benchmarks.CompileTime;

namespace KayGraph.Benchmarks.Reporting;

/// <summary>
/// For the incremental generator benchmark, what the run after the edit did to every tracked step (computed once, in the
/// process that prints the summary, with the same workload and edit); empty for the other rows.
/// </summary>
public sealed class IncrementalStepsColumn : IColumn
{
    private static readonly Lazy<string> Report = new(() =>
    {
        try
        {
            return IncrementalRunReport.Measure(CompilationWorkload.CreateSynthetic()).ToString();
        }
        catch (Exception error) when (error is InvalidOperationException or System.IO.IOException or TypeLoadException or BadImageFormatException)
        {
            return "unavailable: " + error.Message;
        }
    });

    /// <inheritdoc />
    public string Id => nameof(IncrementalStepsColumn);

    /// <inheritdoc />
    public string ColumnName => "Incremental steps";

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
    public string Legend => "Outputs of the generator's tracked steps on the run after the one-method-body edit, by reason";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(GeneratorBenchmarks.GeneratorIncrementalAfterEdit) ? Report.Value : "-";

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;
}
