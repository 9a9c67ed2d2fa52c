using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using KayGraph.Benchmarks.Counting;
using KayGraph.Benchmarks.Transitions;

namespace KayGraph.Benchmarks;

/// <summary>
/// Runs every contender of the suite once and checks its result, so a broken benchmark is caught before a long run:
/// each per-transition contender must take the counter from 0 to the limit.
/// </summary>
internal static class SuiteVerification
{
    /// <summary>Runs the checks and prints one line per contender.</summary>
    /// <param name="output">Where to print.</param>
    /// <param name="args">Unused extra arguments.</param>
    /// <returns>0 when every check passed, 1 otherwise.</returns>
    public static async Task<int> RunAsync(TextWriter output, string[] args)
    {
        _ = args;
        var failures = 0;
        foreach (var (name, run) in Contenders())
        {
            var store = new CounterStore(Workload.Transitions);
            string result;
            try
            {
                await run(store).ConfigureAwait(false);
                result = store.Count == store.Limit ? "ok" : $"FAILED: stopped at {store.Count} of {store.Limit}";
            }
            catch (Exception error)
            {
                result = $"FAILED: {error.GetType().Name}: {error.Message}";
            }

            if (!result.Equals("ok", StringComparison.Ordinal))
            {
                failures++;
            }

            await output.WriteLineAsync($"{name,-40} {result}").ConfigureAwait(false);
        }

        foreach (var check in ExtraChecks)
        {
            var (name, message) = await check().ConfigureAwait(false);
            if (message.StartsWith("FAILED", StringComparison.Ordinal))
            {
                failures++;
            }

            await output.WriteLineAsync($"{name,-40} {message}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(failures == 0 ? "all contenders verified" : $"{failures} contender(s) failed").ConfigureAwait(false);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Further checks registered by other parts of the suite (batches, compilation).</summary>
    private static List<Func<Task<(string Name, string Message)>>> ExtraChecks { get; } = [];

    private static IEnumerable<(string Name, Func<CounterStore, Task> Run)> Contenders()
    {
        yield return ("hand-written loop (sync)", store => Task.FromResult(HandWrittenCounterLoop.Run(store)));
        yield return ("hand-written loop (async)", store => HandWrittenCounterLoop.RunAsync(store).AsTask());
        yield return ("runtime API graph (sync nodes)", store => RuntimeApiCounterGraph.CreateSync().RunAsync(store).AsTask());
        yield return ("runtime API graph (async nodes)", store => RuntimeApiCounterGraph.CreateAsync().RunAsync(store).AsTask());
        yield return ("Stateless Fire", store => Task.FromResult(new StatelessCounterMachine().Run(store)));
        yield return ("Stateless FireAsync", store => new StatelessCounterMachine().RunAsync(store));
        yield return ("Agent Framework workflow (default)", store => new AgentFrameworkCounterWorkflow().RunAsync(store));
        yield return ("Agent Framework workflow (lockstep)", store => new AgentFrameworkCounterWorkflow().RunAsync(store, lockstep: true));
    }
}
