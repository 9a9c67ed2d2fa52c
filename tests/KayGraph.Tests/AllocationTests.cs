using System;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KayGraph.Tests;

/// <summary>
/// The hot path: a graph of nodes whose phases complete synchronously allocates nothing per transition. A loop graph cycles N
/// times through its actions; the bytes allocated by a run of 20,000 transitions and a run of 10,000 must be the same (only the
/// per-run constant remains). Serial: listeners of other tests would add allocations. Measured against the optimized (Release)
/// runtime: a Debug build's async state machines are classes.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class AllocationTests(ITestOutputHelper output)
{
    private const int Short = 10_000;
    private const int Long = 20_000;

    [OptimizedRuntimeFact]
    public void SyncNodesAllocateNothingPerTransition()
    {
        var loop = new CountdownNode();
        var graph = new Graph<Countdown>(loop);
        _ = loop - "again" >> loop;
        _ = loop - "done" >> new FinishNode();

        AssertNoAllocationPerTransition(store => graph.RunAsync(store));
    }

    [OptimizedRuntimeFact]
    public void AsyncNodesThatCompleteSynchronouslyAllocateNothingPerTransition()
    {
        var loop = new AsyncCountdownNode();
        var graph = new AsyncGraph<Countdown>(loop);
        var syncStep = new CountdownNode();
        var finish = new FinishNode();
        _ = loop - "again" >> syncStep;
        _ = syncStep - "again" >> loop;
        _ = loop - "done" >> finish;
        _ = syncStep - "done" >> finish;

        AssertNoAllocationPerTransition(store => graph.RunAsync(store));
    }

    [OptimizedRuntimeFact]
    public void AGraphBodyRunThroughRunGraphAsyncAllocatesNothingPerTransition()
    {
        var graph = new GeneratedShapeLoop();

        AssertNoAllocationPerTransition(store => GraphRuntime.RunGraphAsync(graph, store, new NodeContext(), "generated-shape-loop"));
    }

    [OptimizedRuntimeFact]
    public void ResilienceSettingsWithoutATimeoutAllocateNothingPerTransition()
    {
        var settings = new NodeSettings(5, TimeSpan.FromMilliseconds(100), int.MaxValue, Backoff.Exponential, TimeSpan.FromSeconds(2), jitter: true, retryOn: static e => e is InvalidOperationException);
        var loop = new SettingsCountdownNode(settings);
        var graph = new Graph<Countdown>(loop);
        _ = loop - "again" >> loop;
        _ = loop - "done" >> new FinishNode();

        AssertNoAllocationPerTransition(store => graph.RunAsync(store));
    }

    /// <summary>
    /// A timeout costs, per attempt, a linked token source, a timer on the run's clock and the attempt's context: the success
    /// path of a timed node stays synchronous but is not free (measured and printed here, bounded loosely).
    /// </summary>
    [OptimizedRuntimeFact]
    public void ATimedNodeStaysSynchronousAndPaysOnlyItsTimerPerTransition()
    {
        var settings = new NodeSettings(1, TimeSpan.Zero, int.MaxValue, Backoff.Constant, timeout: TimeSpan.FromSeconds(30));
        var loop = new SettingsCountdownNode(settings);
        var graph = new Graph<Countdown>(loop);
        _ = loop - "again" >> loop;
        _ = loop - "done" >> new FinishNode();
        Measure(store => graph.RunAsync(store), Short);

        var shortRun = Measure(store => graph.RunAsync(store), Short);
        var longRun = Measure(store => graph.RunAsync(store), Long);
        var perTransition = (double)(longRun - shortRun) / (Long - Short);
        output.WriteLine($"timed node: {perTransition} B per transition");

        Assert.InRange(perTransition, 1, 1024);
    }

    private void AssertNoAllocationPerTransition(Func<Countdown, ValueTask<string?>> run)
    {
        for (var warmUp = 0; warmUp < 5; warmUp++)
        {
            Measure(run, Long);
        }

        var shortRun = Measure(run, Short);
        var longRun = Measure(run, Long);
        var perTransition = (double)(longRun - shortRun) / (Long - Short);
        output.WriteLine($"{Short} transitions: {shortRun} B; {Long} transitions: {longRun} B; {perTransition} B per transition");

        Assert.Equal(0, longRun - shortRun);
    }

    private static long Measure(Func<Countdown, ValueTask<string?>> run, int transitions)
    {
        var store = new Countdown { Remaining = transitions };
        var before = GC.GetAllocatedBytesForCurrentThread();
        var pending = run(store);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(pending.IsCompletedSuccessfully, "a graph of synchronous phases completes synchronously");
        Assert.Null(pending.Result);
        Assert.Equal(0, store.Remaining);
        Assert.True(store.Finished);
        return after - before;
    }

    /// <summary>The store of the loop: how many transitions remain.</summary>
    public sealed class Countdown
    {
        public int Remaining { get; set; }

        public bool Finished { get; set; }
    }

    private sealed class CountdownNode() : Node<Countdown, int, int>(id: "countdown")
    {
        protected override int Prep(Countdown shared, NodeContext context) => shared.Remaining;

        protected override int Exec(int prep, NodeContext context) => prep - 1;

        protected override string? Post(Countdown shared, int prep, int exec, NodeContext context)
        {
            shared.Remaining = exec;
            return exec > 0 ? "again" : "done";
        }
    }

    private sealed class SettingsCountdownNode(NodeSettings settings) : Node<Countdown, int, int>(settings, "settings-countdown")
    {
        protected override int Prep(Countdown shared, NodeContext context) => shared.Remaining;

        protected override int Exec(int prep, NodeContext context) => prep - 1;

        protected override string? Post(Countdown shared, int prep, int exec, NodeContext context)
        {
            shared.Remaining = exec;
            return exec > 0 ? "again" : "done";
        }
    }

    private sealed class AsyncCountdownNode() : AsyncNode<Countdown, int, int>(id: "async-countdown")
    {
        public override ValueTask<int> PrepAsync(Countdown shared, NodeContext context) => new(shared.Remaining);

        public override ValueTask<int> ExecAsync(int input, NodeContext context) => new(input - 1);

        public override ValueTask<string?> PostAsync(Countdown shared, int prep, int exec, NodeContext context)
        {
            shared.Remaining = exec;
            return new(exec > 0 ? "again" : "done");
        }
    }

    private sealed class FinishNode() : Node<Countdown, Unit, Unit>(id: "finish")
    {
        protected override Unit Exec(Unit prep, NodeContext context) => Unit.Value;

        protected override string? Post(Countdown shared, Unit prep, Unit exec, NodeContext context)
        {
            shared.Finished = true;
            return null;
        }
    }

    /// <summary>The loop of a generated graph, written by hand: its body dispatches on the action with a switch.</summary>
    private sealed class GeneratedShapeLoop : IGraphBody<Countdown>
    {
        private readonly Node<Countdown, int, int> _loop = new CountdownNode();
        private readonly Node<Countdown, Unit, Unit> _finish = new FinishNode();

        async ValueTask<string?> IGraphBody<Countdown>.RunBodyAsync(Countdown shared, NodeContext context)
        {
            while (true)
            {
                var action = await NodeExecutor.RunAsync<Node<Countdown, int, int>, Countdown, int, int>(_loop, shared, context).ConfigureAwait(false);
                if (action == "done")
                {
                    return await NodeExecutor.RunAsync<Node<Countdown, Unit, Unit>, Countdown, Unit, Unit>(_finish, shared, context).ConfigureAwait(false);
                }
            }
        }
    }
}
