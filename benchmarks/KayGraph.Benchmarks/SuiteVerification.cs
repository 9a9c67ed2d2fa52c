using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using KayGraph.Benchmarks.Batches;
using KayGraph.Benchmarks.Counting;
using KayGraph.Benchmarks.Durable;
using KayGraph.Benchmarks.Transitions;

namespace KayGraph.Benchmarks;

/// <summary>
/// Runs every contender of the suite once and checks its result, so a broken benchmark is caught in seconds before a long
/// run: each per-transition contender must take the counter from 0 to the limit, each batch must return every item once in
/// input order, and the compilation workloads must compile without errors.
/// </summary>
internal static class SuiteVerification
{
    /// <summary>Runs the checks and prints one line per contender.</summary>
    /// <param name="output">Where to print.</param>
    /// <returns>0 when every check passed, 1 otherwise.</returns>
    public static async Task<int> RunAsync(TextWriter output)
    {
        var failures = 0;
        foreach (var (name, check) in Checks())
        {
            string result;
            try
            {
                result = await check().ConfigureAwait(false);
            }
            catch (Exception error)
            {
                result = $"FAILED: {error.GetType().Name}: {error.Message}";
            }

            if (result.StartsWith("FAILED", StringComparison.Ordinal))
            {
                failures++;
            }

            await output.WriteLineAsync($"{name,-44} {result}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(failures == 0 ? "all contenders verified" : $"{failures} contender(s) failed").ConfigureAwait(false);
        return failures == 0 ? 0 : 1;
    }

    private static IEnumerable<(string Name, Func<Task<string>> Check)> Checks()
    {
        yield return ("suite lists every benchmark class", () => Task.FromResult(CheckSuiteOrder()));
        yield return ("hand-written loop (sync)", () => Count(store => Task.FromResult(HandWrittenCounterLoop.Run(store))));
        yield return ("hand-written loop (async)", () => Count(store => HandWrittenCounterLoop.RunAsync(store).AsTask()));
        yield return ("runtime API graph (sync nodes)", () => Count(store => RuntimeApiCounterGraph.CreateSync().RunAsync(store).AsTask()));
        yield return ("runtime API graph (async nodes)", () => Count(store => RuntimeApiCounterGraph.CreateAsync().RunAsync(store).AsTask()));
        yield return ("runtime API nodes without graph", () => Count(store =>
        {
            var (ping, pong) = RuntimeApiCounterGraph.CreateSyncNodes();
            return Task.FromResult(RuntimeApiCounterGraph.RunNodesWithoutGraph(ping, pong, store, new NodeContext()));
        }));
        yield return ("executor only, class node", () => Count(store => Task.FromResult(
            ExecutorBreakdown.Run(new ExecutorBreakdown.ClassNode("ping"), new ExecutorBreakdown.ClassNode("pong"), store, new NodeContext()))));
        yield return ("executor only, struct node", () => Count(store => Task.FromResult(
            ExecutorBreakdown.Run(new ExecutorBreakdown.StructNode("ping"), new ExecutorBreakdown.StructNode("pong"), store, new NodeContext()))));
        foreach (var (name, run) in GeneratedContenders())
        {
            yield return (name, () => Count(run));
        }

        yield return ("event cost: clock readings and an event", () => Task.FromResult(CheckEventCost()));
        yield return ("Stateless Fire", () => Count(store => Task.FromResult(new StatelessCounterMachine().Run(store))));
        yield return ("Stateless FireAsync", () => Count(store => new StatelessCounterMachine().RunAsync(store)));
        yield return ("Agent Framework workflow (default)", () => Count(store => new AgentFrameworkCounterWorkflow().RunAsync(store)));
        yield return ("Agent Framework workflow (lockstep)", () => Count(store => new AgentFrameworkCounterWorkflow().RunAsync(store, lockstep: true)));
        foreach (var check in DurableChecks())
        {
            yield return check;
        }

        foreach (var limit in ParallelBatchBenchmarks.Limits)
        {
            yield return ($"parallel batch, KayGraph, limit {limit}", () => Batch(limit, store => new DelayBatchNode(limit.MaxConcurrency).RunAsync(store).AsTask()));
            yield return ($"parallel batch, hand-written, limit {limit}", () => Batch(limit, store => HandWrittenBatch.RunAsync(store, limit)));
        }

        foreach (var check in CompilationChecks())
        {
            yield return check;
        }
    }

    /// <summary>
    /// The durable-step contenders, on one workload (temporary files) created by the first check and deleted by the last:
    /// each KayGraph run completes with the count at its target, at step <see cref="DurableStepWorkload.Steps"/>, with one
    /// checkpoint per step and the start (and, on SQLite, as many rows in the file); each raw write inserts as many rows as
    /// a run's checkpoints; Agent Framework's run counts to the target and commits a checkpoint per superstep.
    /// </summary>
    private static IEnumerable<(string Name, Func<Task<string>> Check)> DurableChecks()
    {
        foreach (var storage in new[] { DurableStepWorkload.Disk, DurableStepWorkload.Memory })
        {
            foreach (var check in DurableChecks(storage))
            {
                yield return check;
            }
        }
    }

    private static IEnumerable<(string Name, Func<Task<string>> Check)> DurableChecks(string storage)
    {
        DurableStepWorkload? workload = null;
        const int steps = DurableStepWorkload.Steps;
        yield return ($"durable ({storage}): workload (SQLite files)", CreateAsync);
        yield return ($"durable ({storage}): KayGraph, in-memory store", InMemoryAsync);
        yield return ($"durable ({storage}): KayGraph, SQLite store", SqliteAsync);
        yield return ($"durable ({storage}): raw SQLite inserts", RawAsync);
        yield return ($"durable ({storage}): raw inserts, open per write", RawOpenPerWriteAsync);
        yield return ($"durable ({storage}): Agent Framework, files", AgentFrameworkAsync);

        async Task<string> CreateAsync()
        {
            workload = await DurableStepWorkload.CreateAsync(storage).ConfigureAwait(false);
            var store = await DurableStepWorkload.DescribeAsync(workload.SqliteConnectionString).ConfigureAwait(false);
            var raw = await DurableStepWorkload.DescribeAsync(workload.RawConnectionString).ConfigureAwait(false);
            return string.Create(CultureInfo.InvariantCulture, $"ok ({workload.RowsPerRun} rows a run, {workload.AverageRowChars():N0} chars a row; store {store}; raw {raw})");
        }

        async Task<string> InMemoryAsync() => Durable(await workload!.RunInMemoryAsync().ConfigureAwait(false), rows: null);

        async Task<string> SqliteAsync()
        {
            var result = await workload!.RunSqliteAsync().ConfigureAwait(false);
            return Durable(result, await DurableStepWorkload.CountRowsAsync(workload.SqliteConnectionString, result.RunId).ConfigureAwait(false));
        }

        async Task<string> RawAsync() =>
            Rows(await DurableStepWorkload.CountRowsAsync(workload!.RawConnectionString, await workload.RawInsertsAsync().ConfigureAwait(false)).ConfigureAwait(false));

        async Task<string> RawOpenPerWriteAsync() =>
            Rows(await DurableStepWorkload.CountRowsAsync(workload!.RawConnectionString, await workload.RawInsertsOpenPerWriteAsync().ConfigureAwait(false)).ConfigureAwait(false));

        async Task<string> AgentFrameworkAsync()
        {
            try
            {
                var (count, checkpoints) = await workload!.RunAgentFrameworkAsync().ConfigureAwait(false);
                return count == steps && checkpoints >= steps
                    ? string.Create(CultureInfo.InvariantCulture, $"ok ({count} steps, {checkpoints} checkpoints)")
                    : string.Create(CultureInfo.InvariantCulture, $"FAILED: {count} steps, {checkpoints} checkpoints");
            }
            finally
            {
                await workload!.DisposeAsync().ConfigureAwait(false);
            }
        }

        string Rows(long rows) =>
            rows == workload!.RowsPerRun && rows == steps + 1
                ? string.Create(CultureInfo.InvariantCulture, $"ok ({rows} rows)")
                : string.Create(CultureInfo.InvariantCulture, $"FAILED: {rows} rows, expected {steps + 1}");

        static string Durable(RunResult<DurableTally> result, long? rows)
        {
            var ok = result.Status == RunStatus.Completed && result.Shared.Count == steps && result.Step == steps && (rows is null || rows == steps + 1);
            var detail = string.Create(CultureInfo.InvariantCulture, $"{result.Status}, count {result.Shared.Count}, step {result.Step}{(rows is null ? "" : $", {rows} rows")}");
            return ok ? $"ok ({detail})" : $"FAILED: {detail}";
        }
    }

    /// <summary>The generated-graph contenders, when the generator's output is part of the build.</summary>
    private static IEnumerable<(string Name, Func<CounterStore, Task> Run)> GeneratedContenders() => TransitionBenchmarks.GeneratedContenders();

    /// <summary>The compilation workload checks, when the generator and analyzers are part of the build.</summary>
    private static IEnumerable<(string Name, Func<Task<string>> Check)> CompilationChecks() => CompileTime.CompilationVerification.Checks();

    private static string CheckSuiteOrder()
    {
        var missing = typeof(Program).Assembly.GetTypes()
            .Where(type => type.GetMethods().Any(method => method.IsDefined(typeof(BenchmarkAttribute), inherit: false)))
            .Where(type => !Program.SuiteOrder.Contains(type))
            .Select(type => type.Name)
            .ToList();
        return missing.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"ok ({Program.SuiteOrder.Length} classes)")
            : "FAILED: not in Program.SuiteOrder: " + string.Join(", ", missing);
    }

    private static string CheckEventCost()
    {
        var costs = new EventCostBenchmarks();
        var first = costs.ClockTimestamp();
        var now = costs.ClockUtcNow();
        var completed = (NodeCompleted)costs.NewNodeCompleted();
        return costs.ClockTimestamp() >= first && Math.Abs((now - DateTimeOffset.UtcNow).TotalSeconds) < 5 && completed is { NodePath: "ping", Action: "continue" }
            ? "ok (the clock moves forward, UtcNow is now, the event carries its data)"
            : "FAILED: a clock reading or the event is wrong";
    }

    private static async Task<string> Count(Func<CounterStore, Task> run)
    {
        var store = new CounterStore(Workload.Transitions);
        await run(store).ConfigureAwait(false);
        return store.Count == store.Limit ? "ok" : $"FAILED: stopped at {store.Count} of {store.Limit}";
    }

    private static async Task<string> Batch(ConcurrencyLimit limit, Func<BatchStore, Task> run)
    {
        var store = new BatchStore(BatchWorkload.Items);
        var clock = Stopwatch.StartNew();
        await run(store).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        const long expected = (long)BatchWorkload.Items * (BatchWorkload.Items - 1) / 2;
        if (store.Completed != BatchWorkload.Items || store.Checksum != expected)
        {
            return $"FAILED: {store.Completed} results, checksum {store.Checksum}";
        }

        var ideal = limit.IdealTime(BatchWorkload.Items, BatchWorkload.ItemDelay);
        return string.Create(CultureInfo.InvariantCulture, $"ok ({elapsed.TotalMilliseconds:N1} ms cold, ideal {ideal.TotalMilliseconds:N0} ms)");
    }
}
