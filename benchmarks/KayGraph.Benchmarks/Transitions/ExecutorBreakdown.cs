using System;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using KayGraph.Benchmarks.Counting;

namespace KayGraph.Benchmarks.Transitions;

/// <summary>
/// A breakdown of the per-node cost, not a contender: the counter node implemented directly on
/// <see cref="INodeLifecycle{TShared, TPrep, TExec}"/> (as generated nodes are) and run through
/// <see cref="NodeExecutor.RunAsync{TNode, TShared, TPrep, TExec}"/> in a plain loop, once as a sealed class and once as a
/// struct. The class row is what every generated node pays per transition before any graph dispatch; the struct row shows
/// how much of that is the shared generic code the runtime uses for reference-type nodes.
/// </summary>
public static class ExecutorBreakdown
{
    /// <summary>Runs two lifecycle nodes alternately through the executor until post returns the default action.</summary>
    /// <typeparam name="TNode">The lifecycle type (a class or a struct).</typeparam>
    /// <param name="ping">The first node.</param>
    /// <param name="pong">The second node.</param>
    /// <param name="store">The shared store.</param>
    /// <param name="context">The run's context, reused by every node run.</param>
    /// <returns>The number of node runs.</returns>
    public static int Run<TNode>(TNode ping, TNode pong, CounterStore store, NodeContext context)
        where TNode : INodeLifecycle<CounterStore, int, int>
    {
        var first = true;
        var runs = 0;
        while (true)
        {
            runs++;
            var pending = NodeExecutor.RunAsync<TNode, CounterStore, int, int>(first ? ping : pong, store, context);
            var action = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            if (action is null)
            {
                return runs;
            }

            first = !first;
        }
    }

    /// <summary>The counter node as a sealed class implementing the lifecycle directly.</summary>
    /// <param name="id">The node's id.</param>
    public sealed class ClassNode(string id) : INodeLifecycle<CounterStore, int, int>
    {
        /// <inheritdoc />
        public string Id { get; } = id;

        /// <inheritdoc />
        public NodeSettings Settings => NodeSettings.Default;

        /// <inheritdoc />
        public ValueTask BeforePrepAsync(CounterStore shared, NodeContext context) => default;

        /// <inheritdoc />
        public ValueTask<int> PrepAsync(CounterStore shared, NodeContext context) => new(CounterStep.Read(shared));

        /// <inheritdoc />
        public ValueTask<int> ExecAsync(int input, NodeContext context) => new(CounterStep.AddOne(input));

        /// <inheritdoc />
        public ValueTask<int> ExecFallbackAsync(int input, Exception error, NodeContext context)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
            return default;
        }

        /// <inheritdoc />
        public ValueTask AfterExecAsync(CounterStore shared, int prep, int exec, NodeContext context) => default;

        /// <inheritdoc />
        public ValueTask<string?> PostAsync(CounterStore shared, int prep, int exec, NodeContext context) =>
            new(CounterStep.WriteBack(shared, exec) ? CounterStep.Continue : null);

        /// <inheritdoc />
        public ValueTask<bool> OnErrorAsync(CounterStore shared, Exception error, NodeContext context) => default;
    }

    /// <summary>The counter node as a struct implementing the lifecycle directly (the executor's code is specialized for it).</summary>
    /// <param name="id">The node's id.</param>
    public readonly struct StructNode(string id) : INodeLifecycle<CounterStore, int, int>
    {
        /// <inheritdoc />
        public string Id { get; } = id;

        /// <inheritdoc />
        public NodeSettings Settings => NodeSettings.Default;

        /// <inheritdoc />
        public ValueTask BeforePrepAsync(CounterStore shared, NodeContext context) => default;

        /// <inheritdoc />
        public ValueTask<int> PrepAsync(CounterStore shared, NodeContext context) => new(CounterStep.Read(shared));

        /// <inheritdoc />
        public ValueTask<int> ExecAsync(int input, NodeContext context) => new(CounterStep.AddOne(input));

        /// <inheritdoc />
        public ValueTask<int> ExecFallbackAsync(int input, Exception error, NodeContext context)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
            return default;
        }

        /// <inheritdoc />
        public ValueTask AfterExecAsync(CounterStore shared, int prep, int exec, NodeContext context) => default;

        /// <inheritdoc />
        public ValueTask<string?> PostAsync(CounterStore shared, int prep, int exec, NodeContext context) =>
            new(CounterStep.WriteBack(shared, exec) ? CounterStep.Continue : null);

        /// <inheritdoc />
        public ValueTask<bool> OnErrorAsync(CounterStore shared, Exception error, NodeContext context) => default;
    }
}
