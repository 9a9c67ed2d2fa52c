using System;

namespace KayGraph.Benchmarks.Batches;

/// <summary>The size of the parallel batch benchmark: how many items, and how long each item's exec awaits.</summary>
public static class BatchWorkload
{
    /// <summary>Items per batch.</summary>
    public const int Items = 10_000;

    /// <summary>The delay each item's exec awaits, in milliseconds.</summary>
    public const int ItemDelayMilliseconds = 1;

    /// <summary>The delay each item's exec awaits.</summary>
    public static TimeSpan ItemDelay { get; } = TimeSpan.FromMilliseconds(ItemDelayMilliseconds);
}
