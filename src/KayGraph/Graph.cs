using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// A synchronous graph of the dynamic API (KayGraph's <c>Graph</c>): runs the start node, follows the successor for each
/// returned action, and returns the last action. A graph is a node, so graphs nest. Asynchronous nodes need an
/// <see cref="AsyncGraph{TShared}"/>.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
public class Graph<TShared> : NodeBase<TShared>
{
    /// <summary>Creates a graph.</summary>
    /// <param name="start">The start node; can also be set with <see cref="Start{TNode}"/>.</param>
    /// <param name="id">The graph's id; <see langword="null"/> for the class name.</param>
    public Graph(INode<TShared>? start = null, string? id = null)
        : base(id)
    {
        StartNode = start;
    }

    /// <summary>The first node to run.</summary>
    public INode<TShared>? StartNode { get; private set; }

    /// <summary>The options of runs started on this graph (nested graphs use their parent run's options).</summary>
    public RunOptions Options { get; set; } = RunOptions.Default;

    /// <inheritdoc />
    protected override RunOptions DefaultOptions => Options;

    /// <summary>Sets the start node and returns it, so wiring can continue from it.</summary>
    /// <typeparam name="TNode">The node's type.</typeparam>
    /// <param name="node">The start node.</param>
    /// <returns><paramref name="node"/>.</returns>
    public TNode Start<TNode>(TNode node)
        where TNode : INode<TShared>
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        StartNode = node;
        return node;
    }

    /// <summary>Runs before the nodes. Default: nothing.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A task that completes when prep is done.</returns>
    protected virtual ValueTask PrepAsync(TShared shared, NodeContext context) => default;

    /// <summary>Runs after the nodes and returns the graph's action. Default: the last action.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="lastAction">The last node's action.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The graph's action.</returns>
    protected virtual ValueTask<string?> PostAsync(TShared shared, string? lastAction, NodeContext context) => new(lastAction);

    /// <summary>Runs the graph and yields its events as they happen; breaking out of the loop cancels the run.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's events.</returns>
    public System.Collections.Generic.IAsyncEnumerable<GraphEvent> RunStreamingAsync(TShared shared, System.Threading.CancellationToken cancellationToken = default) =>
        RunStreamingAsync(shared, null, cancellationToken);

    /// <summary>Runs the graph with <paramref name="options"/> and yields its events as they happen; breaking out of the loop cancels the run.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="options">The run options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's events.</returns>
    public System.Collections.Generic.IAsyncEnumerable<GraphEvent> RunStreamingAsync(TShared shared, RunOptions? options, System.Threading.CancellationToken cancellationToken = default) =>
        GraphRuntime.StreamAsync<Graph<TShared>, TShared>(this, shared, options, cancellationToken);

    /// <inheritdoc />
    public override ValueTask<string?> RunAsync(TShared shared, NodeContext context) =>
        GraphRuntime.RunGraphAsync<Body, TShared>(new Body(this), shared, context, Id);

    /// <summary>
    /// What a run of this graph does inside its span (<see cref="GraphRuntime.RunGraphAsync{TGraph, TShared}"/>): prep, the
    /// nodes, post. Batch graphs run their parameter sets here instead.
    /// </summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The graph's action.</returns>
    private protected virtual async ValueTask<string?> RunBodyAsync(TShared shared, NodeContext context)
    {
        await PrepAsync(shared, context).ConfigureAwait(false);
        var last = await RunNodesAsync(shared, context).ConfigureAwait(false);
        return await PostAsync(shared, last, context).ConfigureAwait(false);
    }

    /// <summary>Runs the nodes from the start, following successors, and returns the last action (KayGraph's orchestration).</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context; its parameters are handed to every node.</param>
    /// <returns>The last action.</returns>
    protected async ValueTask<string?> RunNodesAsync(TShared shared, NodeContext context)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        var node = StartNode ?? throw new InvalidOperationException($"Graph '{Id}' has no start node: pass one to the constructor or call Start(node).");
        var inherited = context.Config;
        string? last = null;
        while (node is not null)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var dynamicNode = node as NodeBase<TShared>;
            if (!IsAsync && dynamicNode is { IsAsync: true })
            {
                throw new InvalidOperationException($"Node '{node.Id}' is asynchronous and cannot run in the synchronous graph '{Id}': use an AsyncGraph.");
            }

            context.SetConfig(dynamicNode?.Config ?? Config ?? inherited);
            last = await node.RunAsync(shared, context).ConfigureAwait(false);
            var next = dynamicNode?.GetSuccessor(last);
            if (next is null && dynamicNode is not null)
            {
                GraphRuntime.ActionNotFound(context, node.Id, last, dynamicNode.Successors.Keys.ToArray());
            }

            node = next;
        }

        context.SetConfig(inherited);
        return last;
    }

    /// <summary>Hands <see cref="RunBodyAsync"/> to the run wrapper without a delegate.</summary>
    private readonly struct Body(Graph<TShared> graph) : IGraphBody<TShared>
    {
        public ValueTask<string?> RunBodyAsync(TShared shared, NodeContext context) => graph.RunBodyAsync(shared, context);
    }
}

/// <summary>
/// An asynchronous graph (KayGraph's <c>AsyncGraph</c>): like <see cref="Graph{TShared}"/>, and it may mix synchronous and
/// asynchronous nodes.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
public class AsyncGraph<TShared> : Graph<TShared>
{
    /// <summary>Creates an asynchronous graph.</summary>
    /// <param name="start">The start node.</param>
    /// <param name="id">The graph's id.</param>
    public AsyncGraph(INode<TShared>? start = null, string? id = null)
        : base(start, id)
    {
    }

    /// <inheritdoc />
    public override bool IsAsync => true;
}

/// <summary>
/// A synchronous batch graph (KayGraph's <c>BatchGraph</c>): <see cref="PrepBatch"/> returns parameter sets and the whole
/// sub-graph runs once per set, with the graph parameters merged with that set. Its action is the default action.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
public abstract class BatchGraph<TShared> : Graph<TShared>
{
    /// <summary>Creates a batch graph.</summary>
    /// <param name="start">The start node of the sub-graph.</param>
    /// <param name="id">The graph's id.</param>
    protected BatchGraph(INode<TShared>? start = null, string? id = null)
        : base(start, id)
    {
    }

    /// <summary>Returns the parameter sets, one per run of the sub-graph.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The parameter sets.</returns>
    protected abstract IEnumerable<IReadOnlyDictionary<string, object?>> PrepBatch(TShared shared, NodeContext context);

    /// <inheritdoc />
    private protected override async ValueTask<string?> RunBodyAsync(TShared shared, NodeContext context)
    {
        var sets = PrepBatch(shared, context);
        await GraphRuntime.RunParameterSetsAsync(sets, context, 1, branch => RunNodesAsync(shared, branch)).ConfigureAwait(false);
        return await PostAsync(shared, null, context).ConfigureAwait(false);
    }
}

/// <summary>
/// An asynchronous batch graph (KayGraph's <c>AsyncBatchGraph</c>): the parameter sets run one after another.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
public abstract class AsyncBatchGraph<TShared> : AsyncGraph<TShared>
{
    /// <summary>Creates an asynchronous batch graph.</summary>
    /// <param name="start">The start node of the sub-graph.</param>
    /// <param name="id">The graph's id.</param>
    protected AsyncBatchGraph(INode<TShared>? start = null, string? id = null)
        : base(start, id)
    {
    }

    /// <summary>The number of parameter sets in flight at once: 1 (one after another).</summary>
    protected virtual int MaxConcurrency => 1;

    /// <summary>Returns the parameter sets, one per run of the sub-graph.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The parameter sets.</returns>
    protected abstract ValueTask<IEnumerable<IReadOnlyDictionary<string, object?>>> PrepBatchAsync(TShared shared, NodeContext context);

    /// <inheritdoc />
    private protected override async ValueTask<string?> RunBodyAsync(TShared shared, NodeContext context)
    {
        var sets = await PrepBatchAsync(shared, context).ConfigureAwait(false);
        await GraphRuntime.RunParameterSetsAsync(sets, context, MaxConcurrency, branch => RunNodesAsync(shared, branch)).ConfigureAwait(false);
        return await PostAsync(shared, null, context).ConfigureAwait(false);
    }
}

/// <summary>
/// An asynchronous parallel batch graph (KayGraph's <c>AsyncParallelBatchGraph</c>): the parameter sets run concurrently, at
/// most <see cref="MaxConcurrency"/> at a time.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
public abstract class AsyncParallelBatchGraph<TShared> : AsyncBatchGraph<TShared>
{
    private readonly int _maxConcurrency;

    /// <summary>Creates an asynchronous parallel batch graph.</summary>
    /// <param name="start">The start node of the sub-graph.</param>
    /// <param name="maxConcurrency">Maximum parameter sets in flight (<see cref="int.MaxValue"/> = unbounded).</param>
    /// <param name="id">The graph's id.</param>
    protected AsyncParallelBatchGraph(INode<TShared>? start = null, int maxConcurrency = int.MaxValue, string? id = null)
        : base(start, id)
    {
        if (maxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrency), maxConcurrency, "MaxConcurrency must be at least 1.");
        }

        _maxConcurrency = maxConcurrency;
    }

    /// <inheritdoc />
    protected override int MaxConcurrency => _maxConcurrency;
}
