namespace KayGraph.Benchmarks.Counting;

/// <summary>
/// The trivial work of one node, shared by every contender so that they differ only in how they dispatch: prep reads the
/// counter, exec adds one, post writes it back and says whether the loop goes on.
/// </summary>
public static class CounterStep
{
    /// <summary>The action that continues the loop to the other node.</summary>
    public const string Continue = "continue";

    /// <summary>Prep: reads the counter from the shared store.</summary>
    /// <param name="store">The shared store.</param>
    /// <returns>The current value.</returns>
    public static int Read(CounterStore store) => store.Count;

    /// <summary>Exec: adds one.</summary>
    /// <param name="value">Prep's result.</param>
    /// <returns>The incremented value.</returns>
    public static int AddOne(int value) => value + 1;

    /// <summary>Post: writes the value back and tells whether the limit is still ahead.</summary>
    /// <param name="store">The shared store.</param>
    /// <param name="value">Exec's result.</param>
    /// <returns><see langword="true"/> while the loop must go on.</returns>
    public static bool WriteBack(CounterStore store, int value)
    {
        store.Count = value;
        return value < store.Limit;
    }
}
