using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace KayGraph.Tests;

/// <summary>
/// Execution state lives in the run's context, not on node instances: one graph instance runs 1,000 times at once with different
/// stores, parameters and retry histories, and every store ends up correct.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Runs = 1_000;

    [Fact]
    public async Task OneAsyncGraphInstanceRunsAThousandTimesConcurrently()
    {
        var fetch = new FetchNode();
        var graph = new AsyncGraph<Order>(fetch);
        _ = fetch - "large" >> new ClassifyNode("large");
        _ = fetch - "small" >> new ClassifyNode("small");

        var orders = Enumerable.Range(0, Runs).Select(i => new Order(i)).ToArray();
        var actions = await Task.WhenAll(orders.Select(order =>
        {
            var parameters = new Dictionary<string, object?> { ["multiplier"] = order.Number % 7 };
            return graph.RunAsync(order, new NodeContext(parameters: parameters)).AsTask();
        }));

        for (var i = 0; i < Runs; i++)
        {
            var order = orders[i];
            var expectedTotal = i * (i % 7);
            var expectedSize = expectedTotal > 1_000 ? "large" : "small";
            Assert.Equal(expectedTotal, order.Total);
            Assert.Equal(i % 3 == 0 ? 2 : 1, order.Attempts);
            Assert.Equal(expectedSize, order.Size);
            Assert.Equal($"classified {expectedSize}", actions[i]);
        }
    }

    [Fact]
    public async Task OneSyncGraphInstanceRunsConcurrentlyOnManyThreads()
    {
        var fetch = new SyncTotalNode();
        var graph = new Graph<Order>(fetch);
        _ = fetch >> new SyncTotalNode();

        var orders = Enumerable.Range(0, Runs).Select(i => new Order(i)).ToArray();
        await Task.WhenAll(orders.Select(order => Task.Run(() => graph.Run(order))));

        Assert.All(orders, order => Assert.Equal(order.Number * 2, order.Total));
    }

    /// <summary>The store of one run.</summary>
    public sealed class Order(int number)
    {
        public int Number { get; } = number;

        public int Total { get; set; }

        public int Attempts { get; set; }

        public string? Size { get; set; }
    }

    /// <summary>Computes the total after yielding; every third order fails its first attempt.</summary>
    private sealed class FetchNode() : AsyncNode<Order, int, (int Total, int Attempts)>(maxRetries: 2)
    {
        public override ValueTask<int> PrepAsync(Order shared, NodeContext context) => new(shared.Number);

        public override async ValueTask<(int Total, int Attempts)> ExecAsync(int input, NodeContext context)
        {
            await Task.Yield();
            if (input % 3 == 0 && context.Attempt == 0)
            {
                throw new InvalidOperationException("transient");
            }

            return (input * (int)context.Params["multiplier"]!, context.Attempt + 1);
        }

        public override async ValueTask<string?> PostAsync(Order shared, int prep, (int Total, int Attempts) exec, NodeContext context)
        {
            await Task.Yield();
            shared.Total = exec.Total;
            shared.Attempts = exec.Attempts;
            return exec.Total > 1_000 ? "large" : "small";
        }
    }

    private sealed class ClassifyNode(string size) : Node<Order, Unit, Unit>(id: $"classify-{size}")
    {
        protected override Unit Exec(Unit prep, NodeContext context) => Unit.Value;

        protected override string? Post(Order shared, Unit prep, Unit exec, NodeContext context)
        {
            shared.Size = size;
            return $"classified {size}";
        }
    }

    /// <summary>Adds the order's number to its total; it reads the store in prep and writes it in post only.</summary>
    private sealed class SyncTotalNode : Node<Order, (int Total, int Number), int>
    {
        protected override (int Total, int Number) Prep(Order shared, NodeContext context) => (shared.Total, shared.Number);

        protected override int Exec((int Total, int Number) prep, NodeContext context) => prep.Total + prep.Number;

        protected override string? Post(Order shared, (int Total, int Number) prep, int exec, NodeContext context)
        {
            shared.Total = exec;
            return null;
        }
    }
}
