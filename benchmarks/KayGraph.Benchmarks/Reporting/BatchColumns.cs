using System;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using KayGraph.Benchmarks.Batches;

namespace KayGraph.Benchmarks.Reporting;

/// <summary>Common plumbing of the parallel batch columns: they read the <c>Limit</c> parameter of a case.</summary>
public abstract class BatchColumn : IColumn
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract string ColumnName { get; }

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public abstract string Legend { get; }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        benchmarkCase.Parameters["Limit"] is ConcurrencyLimit limit ? Format(summary, benchmarkCase, limit) : "-";

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <summary>The ideal time of the case's batch.</summary>
    /// <param name="limit">The case's concurrency limit.</param>
    /// <returns>The ideal time.</returns>
    protected static TimeSpan IdealTime(ConcurrencyLimit limit) => limit.IdealTime(BatchWorkload.Items, BatchWorkload.ItemDelay);

    /// <summary>Formats the cell of one case.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="benchmarkCase">The case.</param>
    /// <param name="limit">The case's concurrency limit.</param>
    /// <returns>The cell's text.</returns>
    protected abstract string Format(Summary summary, BenchmarkCase benchmarkCase, ConcurrencyLimit limit);
}

/// <summary>The ideal time of the batch: <c>ceil(items / limit) × delay</c>.</summary>
public sealed class IdealTimeColumn : BatchColumn
{
    /// <inheritdoc />
    public override string Id => nameof(IdealTimeColumn);

    /// <inheritdoc />
    public override string ColumnName => "Ideal";

    /// <inheritdoc />
    public override string Legend => "Ideal time: ceil(items / limit) x item delay, with zero overhead";

    /// <inheritdoc />
    protected override string Format(Summary summary, BenchmarkCase benchmarkCase, ConcurrencyLimit limit) =>
        IdealTime(limit).TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";
}

/// <summary>The measured mean divided by the ideal time.</summary>
public sealed class RatioToIdealColumn : BatchColumn
{
    /// <inheritdoc />
    public override string Id => nameof(RatioToIdealColumn);

    /// <inheritdoc />
    public override string ColumnName => "Mean/Ideal";

    /// <inheritdoc />
    public override string Legend => "Mean divided by the ideal time (target: at most 1.5)";

    /// <inheritdoc />
    protected override string Format(Summary summary, BenchmarkCase benchmarkCase, ConcurrencyLimit limit)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is null)
        {
            return "?";
        }

        var idealNanoseconds = IdealTime(limit).Ticks * 100.0;
        return (mean.Value / idealNanoseconds).ToString("N2", CultureInfo.InvariantCulture);
    }
}

/// <summary>The bytes allocated by one batch divided by its items: the memory cost of one in-flight item.</summary>
public sealed class AllocatedPerItemColumn : BatchColumn
{
    /// <inheritdoc />
    public override string Id => nameof(AllocatedPerItemColumn);

    /// <inheritdoc />
    public override string ColumnName => "Alloc/item";

    /// <inheritdoc />
    public override string Legend => "Allocated bytes of one batch divided by its items";

    /// <inheritdoc />
    protected override string Format(Summary summary, BenchmarkCase benchmarkCase, ConcurrencyLimit limit)
    {
        var report = summary[benchmarkCase];
        var allocated = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return allocated is null
            ? "?"
            : ((double)allocated.Value / BatchWorkload.Items).ToString("N0", CultureInfo.InvariantCulture) + " B";
    }
}
