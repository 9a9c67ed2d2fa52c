using System;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph.Tests.Support;

/// <summary>
/// Tracks how many pieces of work are in flight (with <see cref="Interlocked"/>) and holds every piece until the expected peak
/// has been reached once, so a test can prove that a concurrency limit is both respected (the peak never exceeds it) and
/// actually reached (the peak equals it). If the peak is never reached, the held work times out and the test fails.
/// </summary>
public sealed class ConcurrencyProbe(int expectedPeak)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource _peakReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _peakReachedEvent = new();
    private int _current;
    private int _peak;

    /// <summary>The highest number of pieces of work seen in flight at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>How many pieces of work are in flight now.</summary>
    public int Current => Volatile.Read(ref _current);

    /// <summary>Runs asynchronous work, held until the expected peak is reached.</summary>
    public async Task<T> RunAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Enter();
        try
        {
            await _peakReached.Task.WaitAsync(Timeout);
            return work();
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }

    /// <summary>Runs synchronous work (blocking its thread), held until the expected peak is reached.</summary>
    public T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Enter();
        try
        {
            if (!_peakReachedEvent.Wait(Timeout))
            {
                throw new TimeoutException($"The expected peak of {expectedPeak} was never reached (peak: {Peak}).");
            }

            return work();
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }

    private void Enter()
    {
        var now = Interlocked.Increment(ref _current);
        var peak = Volatile.Read(ref _peak);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, now, peak);
            if (seen == peak)
            {
                break;
            }

            peak = seen;
        }

        if (now >= expectedPeak)
        {
            _peakReached.TrySetResult();
            _peakReachedEvent.Set();
        }
    }
}
