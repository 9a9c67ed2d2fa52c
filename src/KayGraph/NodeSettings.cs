using System;

namespace KayGraph;

/// <summary>
/// The retry policy and concurrency limit of a node: how many attempts exec gets, how long to wait between them, and
/// (for parallel batch nodes) how many items may be in flight at once. Instances are immutable and can be shared.
/// </summary>
public sealed class NodeSettings
{
    /// <summary>One attempt, no wait, unbounded concurrency.</summary>
    public static readonly NodeSettings Default = new();

    /// <summary>Creates settings, validating every argument.</summary>
    /// <param name="maxRetries">Total number of attempts of exec (at least 1; 1 = no retry).</param>
    /// <param name="wait">Time waited between two attempts (not negative).</param>
    /// <param name="maxConcurrency">Maximum items in flight for parallel batches (at least 1; <see cref="int.MaxValue"/> = unbounded).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it.</exception>
    public NodeSettings(int maxRetries = 1, TimeSpan wait = default, int maxConcurrency = int.MaxValue)
    {
        if (maxRetries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetries), maxRetries, "MaxRetries is the total number of attempts and must be at least 1.");
        }

        if (wait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(wait), wait, "The wait between attempts must not be negative.");
        }

        if (maxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrency), maxConcurrency, "MaxConcurrency must be at least 1.");
        }

        MaxRetries = maxRetries;
        Wait = wait;
        MaxConcurrency = maxConcurrency;
    }

    /// <summary>Total number of attempts of exec (1 = no retry).</summary>
    public int MaxRetries { get; }

    /// <summary>Time waited between two attempts.</summary>
    public TimeSpan Wait { get; }

    /// <summary>Maximum number of batch items in flight at once (<see cref="int.MaxValue"/> = unbounded).</summary>
    public int MaxConcurrency { get; }

    /// <summary>Creates settings from attribute-style arguments (milliseconds).</summary>
    /// <param name="maxRetries">Total number of attempts.</param>
    /// <param name="waitMilliseconds">Milliseconds between attempts.</param>
    /// <param name="maxConcurrency">Maximum items in flight.</param>
    /// <returns>The validated settings.</returns>
    public static NodeSettings FromMilliseconds(int maxRetries, int waitMilliseconds, int maxConcurrency = int.MaxValue)
    {
        if (waitMilliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(waitMilliseconds), waitMilliseconds, "WaitMilliseconds must not be negative.");
        }

        return maxRetries == 1 && waitMilliseconds == 0 && maxConcurrency == int.MaxValue
            ? Default
            : new NodeSettings(maxRetries, TimeSpan.FromMilliseconds(waitMilliseconds), maxConcurrency);
    }
}
