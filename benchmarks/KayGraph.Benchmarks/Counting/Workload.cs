namespace KayGraph.Benchmarks.Counting;

/// <summary>The size of one per-transition benchmark run.</summary>
public static class Workload
{
    /// <summary>
    /// Node runs per graph run: also the benchmarks' <c>OperationsPerInvoke</c>, so every reported time and allocation is per
    /// transition, with the per-run setup (context, first dispatch) amortized over this many transitions.
    /// </summary>
    public const int Transitions = 1_000;
}
