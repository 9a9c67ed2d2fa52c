using System;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Stores;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>A generated graph of synchronously completing nodes allocates nothing per transition.</summary>
public sealed class AllocationTests
{
    private const string CounterLoop = """
        using KayGraph;
        using KayGraph.Generators.Tests.Stores;

        namespace Allocation;

        [Node]
        [Next<Tick>("again")]
        [Next<Tock>("done")]
        public partial class Tick
        {
            private int Prep(Journal shared) => shared.Count;

            private int Exec(int count) => count + 1;

            private Action Post(Journal shared, int before, int after)
            {
                shared.Count = after;
                return after < shared.Limit ? Action.Again : Action.Done;
            }
        }

        [Node]
        public partial class Tock
        {
            private void Post(Journal shared) => shared.Attempts++;
        }

        [Graph(typeof(Tick))]
        public partial class CounterLoop;
        """;

    [OptimizedRuntimeFact]
    public void Transitions_between_sync_nodes_allocate_nothing_after_warm_up()
    {
        using var assembly = LoadedAssembly.Build(CounterLoop, OptimizationLevel.Release);
        var graph = (INode<Journal>)assembly.Create("Allocation.CounterLoop");
        var journal = new Journal();

        for (var i = 0; i < 50; i++)
        {
            Run(graph, journal, 100);
        }

        var small = long.MaxValue;
        var large = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            small = Math.Min(small, Measure(graph, journal, 10_000));
            large = Math.Min(large, Measure(graph, journal, 20_000));
        }

        Assert.Equal(20_000, journal.Count);
        Assert.True(large - small <= 0, $"10,000 more transitions allocated {large - small} more bytes ({small} bytes for 10,000, {large} for 20,000).");
    }

    private static long Measure(INode<Journal> graph, Journal journal, int transitions)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(graph, journal, transitions);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Run(INode<Journal> graph, Journal journal, int transitions)
    {
        journal.Count = 0;
        journal.Limit = transitions;
        ValueTask<string?> pending = graph.RunAsync(journal, new NodeContext(RunOptions.Default));
        Assert.True(pending.IsCompletedSuccessfully, "a graph of sync nodes completes synchronously");
        Assert.Null(pending.Result);
    }
}
