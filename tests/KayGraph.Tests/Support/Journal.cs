using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace KayGraph.Tests.Support;

/// <summary>The shared store of most tests: a thread-safe journal of what the nodes did, in order.</summary>
public sealed class Journal
{
    private readonly ConcurrentQueue<string> _events = new();

    /// <summary>The recorded events, in the order they were written.</summary>
    public IReadOnlyList<string> Events => _events.ToArray();

    /// <summary>Values written by nodes (keyed by the test), for stores that carry data between nodes.</summary>
    public ConcurrentDictionary<string, object?> Values { get; } = new();

    /// <summary>Appends an event.</summary>
    public void Record(string entry) => _events.Enqueue(entry);

    /// <summary>How many recorded events start with <paramref name="prefix"/>.</summary>
    public int Count(string prefix) => _events.Count(e => e.StartsWith(prefix, System.StringComparison.Ordinal));
}
