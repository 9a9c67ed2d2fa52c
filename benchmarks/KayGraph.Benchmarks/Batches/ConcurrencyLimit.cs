using System;
using System.Globalization;

namespace KayGraph.Benchmarks.Batches;

/// <summary>A parallel batch's concurrency limit as a benchmark parameter: a number, or unbounded.</summary>
public sealed class ConcurrencyLimit
{
    private ConcurrencyLimit(int maxConcurrency)
    {
        MaxConcurrency = maxConcurrency;
    }

    /// <summary>No limit: every item in flight at once.</summary>
    public static ConcurrencyLimit Unbounded { get; } = new(int.MaxValue);

    /// <summary>The maximum number of items in flight (<see cref="int.MaxValue"/> = unbounded).</summary>
    public int MaxConcurrency { get; }

    /// <summary>Whether there is no limit.</summary>
    public bool IsUnbounded => MaxConcurrency == int.MaxValue;

    /// <summary>A limit of <paramref name="maxConcurrency"/> items in flight.</summary>
    /// <param name="maxConcurrency">At least 1.</param>
    /// <returns>The limit.</returns>
    public static ConcurrencyLimit Of(int maxConcurrency) =>
        maxConcurrency >= 1 ? new(maxConcurrency) : throw new ArgumentOutOfRangeException(nameof(maxConcurrency), maxConcurrency, "At least 1.");

    /// <summary>
    /// The ideal time of a batch: items run in waves of <see cref="MaxConcurrency"/>, each wave costing exactly one item's
    /// delay, and nothing else costs anything: <c>ceil(items / limit) × delay</c>.
    /// </summary>
    /// <param name="items">The number of items.</param>
    /// <param name="itemDelay">The delay each item awaits.</param>
    /// <returns>The ideal time.</returns>
    public TimeSpan IdealTime(int items, TimeSpan itemDelay)
    {
        var waves = IsUnbounded ? 1 : (items + MaxConcurrency - 1) / MaxConcurrency;
        return TimeSpan.FromTicks(itemDelay.Ticks * waves);
    }

    /// <inheritdoc />
    public override string ToString() => IsUnbounded ? "unbounded" : MaxConcurrency.ToString(CultureInfo.InvariantCulture);
}
