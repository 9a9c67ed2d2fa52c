using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// Implemented by lifecycles whose exec applies the retry policy itself (the batch adapter: per item), so
/// <see cref="NodeExecutor"/> runs their exec once, outside its retry loop.
/// </summary>
internal interface IRunsOwnAttempts
{
}

/// <summary>Exec's result of a batch: the items and their results, both in input order.</summary>
/// <typeparam name="TItem">One item.</typeparam>
/// <typeparam name="TResult">Exec's result for one item.</typeparam>
internal readonly struct BatchResults<TItem, TResult>(IReadOnlyList<TItem> items, TResult[] results)
{
    /// <summary>The items, in input order.</summary>
    public IReadOnlyList<TItem> Items { get; } = items;

    /// <summary>The results, in input order.</summary>
    public TResult[] Results { get; } = results;
}

/// <summary>
/// Adapts a batch node to the single-node lifecycle, so <see cref="NodeExecutor.RunBatchAsync"/> is
/// <see cref="NodeExecutor.RunAsync"/> with one difference: exec runs every item, each with the node's retry policy and
/// fallback, one after another or (parallel batch) concurrently within the node's concurrency limit.
/// </summary>
/// <typeparam name="TNode">The batch node's type.</typeparam>
/// <typeparam name="TShared">The shared store's type.</typeparam>
/// <typeparam name="TPrep">Prep's result.</typeparam>
/// <typeparam name="TItem">One item.</typeparam>
/// <typeparam name="TResult">Exec's result for one item.</typeparam>
internal readonly struct BatchLifecycle<TNode, TShared, TPrep, TItem, TResult>(TNode node)
    : INodeLifecycle<TShared, TPrep, BatchResults<TItem, TResult>>, IRunsOwnAttempts
    where TNode : IBatchNodeLifecycle<TShared, TPrep, TItem, TResult>
{
    public string Id => node.Id;

    public NodeSettings Settings => node.Settings;

    public ValueTask BeforePrepAsync(TShared shared, NodeContext context) => node.BeforePrepAsync(shared, context);

    public ValueTask<TPrep> PrepAsync(TShared shared, NodeContext context) => node.PrepAsync(shared, context);

    public async ValueTask<BatchResults<TItem, TResult>> ExecAsync(TPrep input, NodeContext context)
    {
        var items = await node.GetItems(input).ToListAsync(context.CancellationToken).ConfigureAwait(false);
        var results = new TResult[items.Count];
        var settings = node.Settings;
        if (node.IsParallel && items.Count > 1)
        {
            await RunParallelAsync(node, items, results, settings, context).ConfigureAwait(false);
        }
        else
        {
            for (var i = 0; i < items.Count; i++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                results[i] = await NodeExecutor.ExecuteAsync<TNode, TItem, TResult>(node, items[i], settings, context).ConfigureAwait(false);
                if (context.Events is { } events)
                {
                    await events.WriteAsync(new BatchProgress(context.EventPrefix + node.Id, i + 1, items.Count), context.CancellationToken).ConfigureAwait(false);
                }
            }
        }

        return new BatchResults<TItem, TResult>(items, results);
    }

    /// <summary>Never called (<see cref="IRunsOwnAttempts"/>: each item has its own fallback); declines, as a node without one does.</summary>
    public ValueTask<BatchResults<TItem, TResult>> ExecFallbackAsync(TPrep input, Exception error, NodeContext context) =>
        GeneratedCodeSupport.Rethrow<BatchResults<TItem, TResult>>(error);

    public ValueTask AfterExecAsync(TShared shared, TPrep prep, BatchResults<TItem, TResult> exec, NodeContext context) =>
        node.AfterExecAsync(shared, prep, exec.Results, context);

    public ValueTask<string?> PostAsync(TShared shared, TPrep prep, BatchResults<TItem, TResult> exec, NodeContext context) =>
        node.PostAsync(shared, prep, exec.Items, exec.Results, context);

    public ValueTask<bool> OnErrorAsync(TShared shared, Exception error, NodeContext context) => node.OnErrorAsync(shared, error, context);

    private static Task RunParallelAsync(TNode node, IReadOnlyList<TItem> items, TResult[] results, NodeSettings settings, NodeContext context)
    {
        if (node.IsExecAsync && settings.MaxConcurrency >= items.Count && context.Events is null)
        {
            return RunAllAtOnceAsync(node, items, results, settings, context);
        }

        return RunOnWorkersAsync(node, items, results, settings, context, first: 0);
    }

    /// <summary>
    /// The context of one item running beside others. The attempt index is the only state of a context that differs per
    /// item, and it moves only when an item can have a second attempt (retries) or runs under a timer (a timeout): then
    /// each item gets a branch of its own; otherwise the items share the node's context, whose attempt stays 0.
    /// </summary>
    private static NodeContext ItemContext(NodeContext context, NodeSettings settings) =>
        settings.MaxRetries > 1 || settings.Timeout > TimeSpan.Zero ? context.CreateBranch() : context;

    /// <summary>
    /// Items on thread-pool workers, at most <see cref="NodeSettings.MaxConcurrency"/> at a time: the path for a limit, for
    /// a synchronous exec (its work runs in parallel on the pool, as KayGraph's thread-pool batch does) and for an observed
    /// run (progress is reported as items finish).
    /// </summary>
    private static Task RunOnWorkersAsync(TNode node, IReadOnlyList<TItem> items, TResult[] results, NodeSettings settings, NodeContext context, int first)
    {
        var done = first;
        return Concurrency.ForEachAsync(items.Count - first, settings.MaxConcurrency, async offset =>
        {
            var index = first + offset;
            results[index] = await NodeExecutor.ExecuteAsync<TNode, TItem, TResult>(node, items[index], settings, ItemContext(context, settings)).ConfigureAwait(false);
            if (context.Events is { } events)
            {
                await events.WriteAsync(new BatchProgress(context.EventPrefix + node.Id, Interlocked.Increment(ref done), items.Count), context.CancellationToken).ConfigureAwait(false);
            }
        });
    }

    /// <summary>
    /// An asynchronous exec, no limit and nobody listening: every item's exec starts here, one after another, as
    /// <c>Task.WhenAll</c> over the items would start them (no worker task per item), and the results are collected in
    /// input order once all are in flight. If the first item completes synchronously (its exec did its work before any
    /// await), the other items go to thread-pool workers instead, to run in parallel. Every item that started is waited
    /// for; then the first failure in input order is rethrown as itself.
    /// </summary>
#pragma warning disable CA2012 // each ValueTask here is consumed exactly once: read when completed, or awaited in the collecting loop
    private static async Task RunAllAtOnceAsync(TNode node, IReadOnlyList<TItem> items, TResult[] results, NodeSettings settings, NodeContext context)
    {
        var head = NodeExecutor.ExecuteAsync<TNode, TItem, TResult>(node, items[0], settings, ItemContext(context, settings));
        if (head.IsCompleted)
        {
            results[0] = head.Result; // a failure of the first item stops the batch before any other item starts
            await RunOnWorkersAsync(node, items, results, settings, context, first: 1).ConfigureAwait(false);
            return;
        }

        var pending = new ValueTask<TResult>[items.Count];
        pending[0] = head;
        var started = 1;
        ExceptionDispatchInfo? failure = null;
        ExceptionDispatchInfo? startFailure = null;
        try
        {
            for (; started < items.Count; started++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                pending[started] = NodeExecutor.ExecuteAsync<TNode, TItem, TResult>(node, items[started], settings, ItemContext(context, settings));
            }
        }
        catch (Exception error)
        {
            startFailure = ExceptionDispatchInfo.Capture(error); // a failure while starting: no further item starts
        }

        for (var i = 0; i < started; i++)
        {
            try
            {
                results[i] = await pending[i].ConfigureAwait(false);
            }
            catch (Exception error)
            {
                failure ??= ExceptionDispatchInfo.Capture(error);
            }
        }

        failure ??= startFailure;
        failure?.Throw();
    }
#pragma warning restore CA2012
}
