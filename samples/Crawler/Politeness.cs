using System.Collections.Concurrent;

namespace Crawler;

/// <summary>
/// A per-host politeness delay: requests to one host start at least <see cref="Interval"/> apart, whatever the crawl's
/// concurrency. Each request reserves the next free start time of its host and waits for it (without blocking a thread).
/// Requests to different hosts do not wait for each other.
/// </summary>
public sealed class Politeness(TimeSpan interval, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, HostSlot> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private int _inFlight;
    private int _peak;

    public TimeSpan Interval => interval;

    /// <summary>How often a request had to wait for its host.</summary>
    public int Waits => _hosts.Values.Sum(h => h.Waits);

    /// <summary>The most requests that were in flight at once (the node's MaxConcurrency bounds it).</summary>
    public int PeakInFlight => Volatile.Read(ref _peak);

    /// <summary>Counts a request in flight until the returned handle is disposed.</summary>
    public InFlight Track()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }

        return new InFlight(this);
    }

    public Task WaitTurnAsync(Uri url, CancellationToken cancellationToken)
    {
        var slot = _hosts.GetOrAdd(url.Authority, _ => new HostSlot());
        TimeSpan wait;
        lock (slot)
        {
            var now = clock.GetUtcNow();
            var start = slot.Next > now ? slot.Next : now;
            slot.Next = start + interval;
            wait = start - now;
            if (wait > TimeSpan.Zero)
            {
                slot.Waits++;
            }
        }

        return wait > TimeSpan.Zero ? Task.Delay(wait, clock, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>A request in flight; disposing it ends it.</summary>
    public readonly struct InFlight(Politeness owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._inFlight);
    }

    private sealed class HostSlot
    {
        public DateTimeOffset Next { get; set; } = DateTimeOffset.MinValue;

        public int Waits { get; set; }
    }
}
