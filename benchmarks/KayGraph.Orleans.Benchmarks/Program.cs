using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace KayGraph.Orleans.Benchmarks;

/// <summary>
/// Entry point. <c>--filter '*'</c> (or any BenchmarkDotNet arguments) runs the tables; <c>verify</c> runs each contender
/// once on a fresh cluster, checks that every run completed at its last step, and prints what it did, in seconds.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "verify")
        {
            return await VerifyAsync().ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromTypes([typeof(OrleansClusterBenchmarks), typeof(OrleansStepBenchmarks)]).Run(args);
        return 0;
    }

    private static async Task<int> VerifyAsync()
    {
        var failures = 0;
        foreach (var silos in new[] { 1, 2, 3 })
        {
            var workload = await OrleansWorkload.CreateAsync(silos).ConfigureAwait(false);
            await using (workload.ConfigureAwait(false))
            {
                var clock = Stopwatch.StartNew();
                var completed = await workload.RunManyAsync().ConfigureAwait(false);
                var ok = completed == OrleansWorkload.ConcurrentRuns;
                failures += ok ? 0 : 1;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{silos} silo(s): {completed} of {OrleansWorkload.ConcurrentRuns} runs completed in {clock.Elapsed.TotalMilliseconds:F0} ms (cold) {(ok ? "ok" : "FAILED")}"));
            }
        }

        var one = await OrleansWorkload.CreateAsync(1).ConfigureAwait(false);
        await using (one.ConfigureAwait(false))
        {
            var grain = await one.RunInGrainAsync().ConfigureAwait(false);
            var store = await one.RunOnSqliteStoreAsync().ConfigureAwait(false);
            var ok = grain.Status == RunStatus.Completed && grain.Step == OrleansWorkload.Steps && store.Status == RunStatus.Completed && store.Step == OrleansWorkload.Steps;
            failures += ok ? 0 : 1;
            Console.WriteLine($"step cost: grain {grain.Status} at step {grain.Step}, SQLite store {store.Status} at step {store.Step} {(ok ? "ok" : "FAILED")}");
        }

        Console.WriteLine(failures == 0 ? "all contenders verified" : $"{failures} contender(s) failed");
        return failures == 0 ? 0 : 1;
    }
}
