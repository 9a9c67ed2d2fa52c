using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace KayGraph.Benchmarks;

/// <summary>
/// Entry point. <c>--filter '*'</c> (or any BenchmarkDotNet arguments) runs the suite; <c>verify</c> runs every contender
/// once, checks that it did the expected work, and prints what it did, in seconds rather than minutes.
/// </summary>
internal static class Program
{
    /// <summary>Every benchmark class, in the order the suite runs them: the headline table first.</summary>
    internal static readonly Type[] SuiteOrder =
    [
        typeof(Transitions.TransitionBenchmarks),
        typeof(Transitions.RunOverheadBenchmarks),
        typeof(Transitions.EventCostBenchmarks),
        typeof(Durable.DurableStepBenchmarks),
        typeof(Batches.ParallelBatchBenchmarks),
        typeof(Batches.TimerBenchmarks),
        typeof(CompileTime.GeneratorBenchmarks),
        typeof(CompileTime.AnalyzerBenchmarks),
    ];

    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "verify")
        {
            return await SuiteVerification.RunAsync(Console.Out).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromTypes(SuiteOrder).Run(args);
        return 0;
    }
}
