namespace KayGraph.Benchmarks.Counting;

/// <summary>
/// The shared store of the per-transition benchmarks: a counter and the limit at which the graph stops. Every contender
/// (generated graph, runtime API, hand-written loop, Stateless, Agent Framework) reads and writes this same object.
/// </summary>
public sealed class CounterStore
{
    /// <summary>Creates a store that stops after <paramref name="limit"/> increments.</summary>
    /// <param name="limit">The number of node runs (transitions) one graph run performs.</param>
    public CounterStore(int limit)
    {
        Limit = limit;
    }

    /// <summary>The current value, written back by every node's post.</summary>
    public int Count { get; set; }

    /// <summary>The value at which the loop ends.</summary>
    public int Limit { get; }

    /// <summary>Puts the counter back to zero before a run.</summary>
    public void Reset() => Count = 0;
}
