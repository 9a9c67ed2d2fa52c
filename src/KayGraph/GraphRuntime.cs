using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// Graph-level rules shared by the dynamic graphs and by generated graphs: how a graph run is traced, what happens when an
/// action has no successor, how parameter sets are merged, and how batch graphs run their parameter sets.
/// </summary>
public static class GraphRuntime
{
    /// <summary>
    /// Runs one graph run: starts the graph's span, runs <paramref name="graph"/>'s body, and ends the span with the body's
    /// action, or with the error that ended the run (a cancellation marks the span cancelled and is not counted as a failure;
    /// see <see cref="KayGraphTelemetry.StopGraph"/>). The exception, if any, propagates unchanged. Generated graphs call it
    /// from their <c>RunAsync</c>, passing themselves; the dynamic graphs use it too, so the run wrapper exists once.
    /// </summary>
    /// <remarks>
    /// <typeparamref name="TGraph"/> is generic so that the body is called through a constrained call on the graph itself (a
    /// class or a struct): no delegate or closure is allocated per run, and a body that completes synchronously makes the
    /// whole run complete synchronously without allocating.
    /// </remarks>
    /// <typeparam name="TGraph">The graph's type, which implements <see cref="IGraphBody{TShared}"/> (usually explicitly).</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <param name="graph">The graph whose body runs.</param>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <param name="graphId">The graph's id, for its span and its counter.</param>
    /// <returns>The graph's action: what its body returned (<see langword="null"/> = default).</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static async ValueTask<string?> RunGraphAsync<TGraph, TShared>(TGraph graph, TShared shared, NodeContext context, string graphId)
        where TGraph : IGraphBody<TShared>
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        var events = context.Events;
        var outerPrefix = context.EventPrefix;
        var path = outerPrefix + graphId;
        if (events is not null)
        {
            await events.WriteAsync(new GraphStarted(path), context.CancellationToken).ConfigureAwait(false);
            if (context.GraphDepth > 0)
            {
                context.EventPrefix = path + "/"; // a nested graph's nodes are named through it
            }

            context.GraphDepth++;
        }

        var activity = KayGraphTelemetry.StartGraph(graphId);
        try
        {
            var action = await graph.RunBodyAsync(shared, context).ConfigureAwait(false);
            KayGraphTelemetry.StopGraph(activity, graphId, action, null);
            if (events is not null)
            {
                Leave(context, outerPrefix);
                await events.WriteAsync(new GraphCompleted(path, action), context.CancellationToken).ConfigureAwait(false);
            }

            return action;
        }
        catch (Exception error)
        {
            KayGraphTelemetry.StopGraph(activity, graphId, null, error);
            if (events is not null)
            {
                Leave(context, outerPrefix);
                if (error is not OperationCanceledException && !context.CancellationToken.IsCancellationRequested)
                {
                    var original = error is NodeExecutionException { InnerException: { } inner } ? inner : error;
                    await events.WriteAsync(new GraphFailed(path, original.GetType().FullName ?? original.GetType().Name, original.Message), CancellationToken.None).ConfigureAwait(false);
                }
            }

            throw;
        }

        static void Leave(NodeContext context, string outerPrefix)
        {
            context.GraphDepth--;
            context.EventPrefix = outerPrefix;
        }
    }

    /// <summary>
    /// Runs <paramref name="graph"/> and yields its events as they happen (the graph's own and its nodes'); breaking out of the
    /// loop cancels the run. Generated graphs call it from <c>RunStreamingAsync</c>. An error of the run surfaces after its
    /// events (the last of which is <see cref="GraphFailed"/>).
    /// </summary>
    /// <typeparam name="TGraph">The graph's type.</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <param name="graph">The graph.</param>
    /// <param name="shared">The shared store.</param>
    /// <param name="options">The run options.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's events.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static IAsyncEnumerable<GraphEvent> StreamAsync<TGraph, TShared>(TGraph graph, TShared shared, RunOptions? options, CancellationToken cancellationToken = default)
        where TGraph : INode<TShared>
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        return RunEvents.StreamAsync(options, (events, token) => graph.RunAsync(shared, new NodeContext(options, null, token) { Events = events }).AsTask(), cancellationToken);
    }

    /// <summary>
    /// Handles an action that has no successor. A node without successors simply ends the graph. A node that has successors
    /// but none for <paramref name="action"/> ends the graph with a warning, or, in strict mode
    /// (<see cref="RunOptions.StrictActions"/>), throws <see cref="UnknownActionException"/>.
    /// </summary>
    /// <param name="context">The run's context.</param>
    /// <param name="nodeId">The node that returned the action.</param>
    /// <param name="action">The action it returned (<see langword="null"/> = default).</param>
    /// <param name="availableActions">The actions the node has successors for.</param>
    /// <exception cref="UnknownActionException">Strict mode is on and the node has other successors.</exception>
    public static void ActionNotFound(NodeContext context, string nodeId, string? action, IReadOnlyList<string> availableActions)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        if (availableActions is null || availableActions.Count == 0)
        {
            return;
        }

        var name = Actions.OrDefault(action);
        if (context.Options.StrictActions)
        {
            throw new UnknownActionException(nodeId, name, availableActions);
        }

        Log.ActionNotFound(context.Logger, nodeId, name, availableActions);
    }

    /// <summary>Merges a parameter set into the current parameters (the set wins), as KayGraph's batch graphs do.</summary>
    /// <param name="current">The graph's parameters.</param>
    /// <param name="set">One parameter set.</param>
    /// <returns>The merged parameters.</returns>
    public static IReadOnlyDictionary<string, object?> MergeParams(IReadOnlyDictionary<string, object?> current, IReadOnlyDictionary<string, object?>? set)
    {
        if (current is null)
        {
            throw new ArgumentNullException(nameof(current));
        }

        var merged = new Dictionary<string, object?>(current.Count + (set?.Count ?? 0), StringComparer.Ordinal);
        foreach (var pair in current)
        {
            merged[pair.Key] = pair.Value;
        }

        if (set is not null)
        {
            foreach (var pair in set)
            {
                merged[pair.Key] = pair.Value;
            }
        }

        return merged;
    }

    /// <summary>
    /// Runs <paramref name="runOnce"/> once per parameter set, each with the graph parameters merged with that set:
    /// one after another when <paramref name="maxConcurrency"/> is 1, otherwise concurrently with that limit.
    /// </summary>
    /// <param name="parameterSets">The parameter sets from the batch graph's prep.</param>
    /// <param name="context">The run's context.</param>
    /// <param name="maxConcurrency">1 for a sequential batch graph; otherwise the concurrency limit.</param>
    /// <param name="runOnce">Runs the sub-graph once with the given context.</param>
    /// <returns>A task that completes when every set has run.</returns>
    public static async Task RunParameterSetsAsync(
        IEnumerable<IReadOnlyDictionary<string, object?>>? parameterSets,
        NodeContext context,
        int maxConcurrency,
        Func<NodeContext, ValueTask<string?>> runOnce)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        if (runOnce is null)
        {
            throw new ArgumentNullException(nameof(runOnce));
        }

        if (maxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrency), maxConcurrency, "MaxConcurrency must be at least 1.");
        }

        var sets = parameterSets is null ? new List<IReadOnlyDictionary<string, object?>>() : new List<IReadOnlyDictionary<string, object?>>(parameterSets);
        var graphParams = context.Params;
        if (maxConcurrency == 1)
        {
            foreach (var set in sets)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                await runOnce(context.CreateBranch(MergeParams(graphParams, set))).ConfigureAwait(false);
            }

            return;
        }

        await Concurrency.ForEachAsync(sets.Count, maxConcurrency, async index =>
            await runOnce(context.CreateBranch(MergeParams(graphParams, sets[index]))).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
