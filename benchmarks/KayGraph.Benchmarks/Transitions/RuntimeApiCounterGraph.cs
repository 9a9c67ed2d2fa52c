using System.Threading.Tasks;
using KayGraph.Benchmarks.Counting;

namespace KayGraph.Benchmarks.Transitions;

/// <summary>
/// The counter graph built with KayGraph's dynamic runtime API: two nodes wired <c>ping - "continue" &gt;&gt; pong</c> and
/// <c>pong - "continue" &gt;&gt; ping</c> in an <see cref="AsyncGraph{TShared}"/>; post returns the default action at the
/// limit, which has no successor and so ends the graph.
/// </summary>
public static class RuntimeApiCounterGraph
{
    /// <summary>Builds the graph from synchronous <see cref="Node{TShared, TPrep, TExec}"/> subclasses.</summary>
    /// <returns>The graph.</returns>
    public static AsyncGraph<CounterStore> CreateSync() => Wire(new SyncCounterNode("ping"), new SyncCounterNode("pong"));

    /// <summary>Builds the graph from <see cref="AsyncNode{TShared, TPrep, TExec}"/> subclasses whose phases complete synchronously.</summary>
    /// <returns>The graph.</returns>
    public static AsyncGraph<CounterStore> CreateAsync() => Wire(new AsyncCounterNode("ping"), new AsyncCounterNode("pong"));

    /// <summary>
    /// Runs two wired nodes without a graph: calls each node's <see cref="INode{TShared}.RunAsync"/> (the executor: hooks,
    /// cancellation checks, telemetry, retries) in a loop and alternates on the action. Separates the executor's cost per
    /// node from the graph's dispatch cost per transition.
    /// </summary>
    /// <param name="ping">The first node.</param>
    /// <param name="pong">The second node.</param>
    /// <param name="store">The shared store.</param>
    /// <param name="context">The run's context, reused by every node run.</param>
    /// <returns>The number of node runs.</returns>
    public static int RunNodesWithoutGraph(INode<CounterStore> ping, INode<CounterStore> pong, CounterStore store, NodeContext context)
    {
        var node = ping;
        var runs = 0;
        while (true)
        {
            runs++;
            var pending = node.RunAsync(store, context);
            var action = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            if (action is null)
            {
                return runs;
            }

            node = ReferenceEquals(node, ping) ? pong : ping;
        }
    }

    /// <summary>Creates the two synchronous nodes, unwired, for <see cref="RunNodesWithoutGraph"/>.</summary>
    /// <returns>The nodes.</returns>
    public static (INode<CounterStore> Ping, INode<CounterStore> Pong) CreateSyncNodes() => (new SyncCounterNode("ping"), new SyncCounterNode("pong"));

    private static AsyncGraph<CounterStore> Wire(NodeBase<CounterStore> ping, NodeBase<CounterStore> pong)
    {
        _ = ping - CounterStep.Continue >> pong;
        _ = pong - CounterStep.Continue >> ping;
        return new AsyncGraph<CounterStore>(ping, "counter");
    }

    /// <summary>A synchronous node of the dynamic API running the shared counter step.</summary>
    private sealed class SyncCounterNode(string id) : Node<CounterStore, int, int>(id: id)
    {
        protected override int Prep(CounterStore shared, NodeContext context) => CounterStep.Read(shared);

        protected override int Exec(int prep, NodeContext context) => CounterStep.AddOne(prep);

        protected override string? Post(CounterStore shared, int prep, int exec, NodeContext context) =>
            CounterStep.WriteBack(shared, exec) ? CounterStep.Continue : null;
    }

    /// <summary>An asynchronous node of the dynamic API running the shared counter step.</summary>
    private sealed class AsyncCounterNode(string id) : AsyncNode<CounterStore, int, int>(id: id)
    {
        public override ValueTask<int> PrepAsync(CounterStore shared, NodeContext context) => new(CounterStep.Read(shared));

        public override ValueTask<int> ExecAsync(int input, NodeContext context) => new(CounterStep.AddOne(input));

        public override ValueTask<string?> PostAsync(CounterStore shared, int prep, int exec, NodeContext context) =>
            new(CounterStep.WriteBack(shared, exec) ? CounterStep.Continue : null);
    }
}
