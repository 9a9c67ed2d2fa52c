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
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "verify")
        {
            return await SuiteVerification.RunAsync(Console.Out).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
