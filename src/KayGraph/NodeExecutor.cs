using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// The one implementation of KayGraph's execution rules. It drives a node's lifecycle
/// (<c>before_prep → prep → exec → after_exec → post</c>): exec is retried up to <see cref="NodeSettings.MaxRetries"/> times
/// with <see cref="NodeSettings.Wait"/> between attempts (on the run's <see cref="TimeProvider"/>), the fallback runs after
/// the last failed attempt only, the error hook may suppress a failure (the node then returns the default action), the
/// cancellation token is checked between phases and never retried, and every failure leaves wrapped in a
/// <see cref="NodeExecutionException"/> that names the node, phase and attempt. Generated nodes and the dynamic API both
/// run through it; a node whose phases complete synchronously allocates nothing here.
/// </summary>
public static class NodeExecutor
{
    private const string PhaseBeforePrep = "before_prep";
    private const string PhasePrep = "prep";
    private const string PhaseExec = "exec";
    private const string PhaseFallback = "fallback";
    private const string PhaseAfterExec = "after_exec";
    private const string PhasePost = "post";
    private const string PhaseOnError = "on_error";

#pragma warning disable CA2012 // Every ValueTask below is consumed exactly once: awaited, or read after IsCompletedSuccessfully, or handed on unread to the method that awaits it.
    /// <summary>Runs one node.</summary>
    /// <remarks>
    /// While every phase completes synchronously and successfully, the node runs here without an async state machine
    /// (the common case of in-memory nodes, and why such a transition allocates nothing). The first phase that is
    /// still pending, throws or faults, or a cancellation between phases, hands the run to <see cref="ContinueAsync"/>,
    /// which awaits that phase and applies every rule from there: one implementation of the rules, two entry points.
    /// </remarks>
    /// <typeparam name="TNode">The node's type (a generic parameter so calls are not virtual).</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <typeparam name="TPrep">Prep's result.</typeparam>
    /// <typeparam name="TExec">Exec's result.</typeparam>
    /// <param name="node">The node.</param>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The node's action (<see langword="null"/> = default).</returns>
    public static ValueTask<string?> RunAsync<TNode, TShared, TPrep, TExec>(TNode node, TShared shared, NodeContext context)
        where TNode : INodeLifecycle<TShared, TPrep, TExec>
    {
        if (node is null || context is null || context.CancellationToken.IsCancellationRequested)
        {
            return RejectAsync(node is null ? nameof(node) : context is null ? nameof(context) : null, context);
        }

        var token = context.CancellationToken;
        var settings = node.Settings;
        var id = node.Id;
        context.Enter(id, settings.MaxRetries);
        var activity = KayGraphTelemetry.StartNode(id);
        var started = KayGraphTelemetry.StartTimestamp();

        ValueTask unit;
        try
        {
            unit = node.BeforePrepAsync(shared, context);
        }
        catch (Exception error)
        {
            unit = Faulted(error);
        }

        if (!unit.IsCompletedSuccessfully || token.IsCancellationRequested)
        {
            return Detach(activity, ContinueAsync<TNode, TShared, TPrep, TExec>(node, shared, context, settings, activity, started, Stage.BeforePrep, unit, default, default!, default, default!, default));
        }

        unit.GetAwaiter().GetResult();
        ValueTask<TPrep> pendingPrep;
        try
        {
            pendingPrep = node.PrepAsync(shared, context);
        }
        catch (Exception error)
        {
            pendingPrep = Faulted<TPrep>(error);
        }

        if (!pendingPrep.IsCompletedSuccessfully || token.IsCancellationRequested)
        {
            return Detach(activity, ContinueAsync<TNode, TShared, TPrep, TExec>(node, shared, context, settings, activity, started, Stage.Prep, default, pendingPrep, default!, default, default!, default));
        }

        var prep = pendingPrep.Result;
        var pendingExec = StartFirstAttempt<TNode, TPrep, TExec>(node, prep, context);
        if (!pendingExec.IsCompletedSuccessfully || token.IsCancellationRequested)
        {
            return Detach(activity, ContinueAsync<TNode, TShared, TPrep, TExec>(node, shared, context, settings, activity, started, Stage.Exec, default, default, prep, pendingExec, default!, default));
        }

        var exec = pendingExec.Result;
        try
        {
            unit = node.AfterExecAsync(shared, prep, exec, context);
        }
        catch (Exception error)
        {
            unit = Faulted(error);
        }

        if (!unit.IsCompletedSuccessfully || token.IsCancellationRequested)
        {
            return Detach(activity, ContinueAsync<TNode, TShared, TPrep, TExec>(node, shared, context, settings, activity, started, Stage.AfterExec, unit, default, prep, default, exec, default));
        }

        unit.GetAwaiter().GetResult();
        ValueTask<string?> pendingPost;
        try
        {
            pendingPost = node.PostAsync(shared, prep, exec, context);
        }
        catch (Exception error)
        {
            pendingPost = Faulted<string?>(error);
        }

        if (!pendingPost.IsCompletedSuccessfully)
        {
            return Detach(activity, ContinueAsync<TNode, TShared, TPrep, TExec>(node, shared, context, settings, activity, started, Stage.Post, default, default, prep, default, exec, pendingPost));
        }

        var action = pendingPost.Result;
        Complete(activity, id, started, action, context.Attempt);
        return new ValueTask<string?>(action);
    }

    /// <summary>
    /// The rules of <see cref="RunAsync{TNode, TShared, TPrep, TExec}"/> from <paramref name="stage"/> on: awaits that
    /// stage's pending phase (exec's first attempt for <see cref="Stage.Exec"/>), then checks cancellation and runs the
    /// phases after it.
    /// </summary>
    private static async ValueTask<string?> ContinueAsync<TNode, TShared, TPrep, TExec>(
        TNode node,
        TShared shared,
        NodeContext context,
        NodeSettings settings,
        Activity? activity,
        long started,
        Stage stage,
        ValueTask pendingUnit,
        ValueTask<TPrep> pendingPrep,
        TPrep prep,
        ValueTask<TExec> pendingExec,
        TExec exec,
        ValueTask<string?> pendingPost)
        where TNode : INodeLifecycle<TShared, TPrep, TExec>
    {
        var token = context.CancellationToken;
        var id = context.NodeId;
        var phase = PhaseBeforePrep;
        try
        {
            if (stage == Stage.BeforePrep)
            {
                await pendingUnit.ConfigureAwait(false);
                phase = PhasePrep;
                token.ThrowIfCancellationRequested();
                pendingPrep = node.PrepAsync(shared, context);
                stage = Stage.Prep;
            }

            if (stage == Stage.Prep)
            {
                phase = PhasePrep;
                prep = await pendingPrep.ConfigureAwait(false);
                phase = PhaseExec;
                token.ThrowIfCancellationRequested();
                pendingExec = StartFirstAttempt<TNode, TPrep, TExec>(node, prep, context);
                stage = Stage.Exec;
            }

            if (stage == Stage.Exec)
            {
                phase = PhaseExec;
                exec = default(TNode) is IRunsOwnAttempts
                    ? await pendingExec.ConfigureAwait(false)
                    : await ExecuteAsync<TNode, TPrep, TExec>(node, prep, settings, context, pendingExec).ConfigureAwait(false);
                phase = PhaseAfterExec;
                token.ThrowIfCancellationRequested();
                pendingUnit = node.AfterExecAsync(shared, prep, exec, context);
                stage = Stage.AfterExec;
            }

            if (stage == Stage.AfterExec)
            {
                phase = PhaseAfterExec;
                await pendingUnit.ConfigureAwait(false);
                phase = PhasePost;
                token.ThrowIfCancellationRequested();
                pendingPost = node.PostAsync(shared, prep, exec, context);
            }

            phase = PhasePost;
            var action = await pendingPost.ConfigureAwait(false);
            Complete(activity, id, started, action, context.Attempt);
            return action;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            Cancel(activity, id, started);
            throw;
        }
        catch (Exception error)
        {
            var original = error is FallbackException fallback ? fallback.InnerException! : error;
            if (error is FallbackException)
            {
                phase = PhaseFallback;
            }

            // Exec only fails out of the retry loop on its last attempt, also for items of a parallel batch.
            var attempt = phase is PhaseExec or PhaseFallback ? settings.MaxRetries : context.Attempt + 1;
            bool suppressed;
            try
            {
                suppressed = await node.OnErrorAsync(shared, original, context).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                Cancel(activity, id, started);
                throw;
            }
            catch (Exception hookError)
            {
                // The hook itself failed: end the span and report it with the node's context, like any other phase.
                Fail(activity, id, started, hookError);
                throw new NodeExecutionException(id, PhaseOnError, attempt, settings.MaxRetries, hookError);
            }

            if (suppressed)
            {
                Log.ErrorSuppressed(context.Logger, id, original);
                Complete(activity, id, started, null, context.Attempt);
                return null;
            }

            Fail(activity, id, started, original);
            throw new NodeExecutionException(id, phase, attempt, settings.MaxRetries, original);
        }
    }

    /// <summary>
    /// Hands a run over to <see cref="ContinueAsync"/> while keeping the caller's ambient span: the node's span stays
    /// current inside the continuation (its async context), and the caller, which started it on this synchronous path,
    /// gets its own current span back, as an async method would have left it.
    /// </summary>
    private static ValueTask<string?> Detach(Activity? activity, ValueTask<string?> continuation)
    {
        if (activity is not null)
        {
            Activity.Current = activity.Parent;
        }

        return continuation;
    }

    /// <summary>
    /// Starts exec's first attempt (a batch's whole exec) with the attempt index reset. A synchronous throw becomes a
    /// faulted task, so the retry loop of exec sees it like any failed attempt, whichever path started it.
    /// </summary>
    private static ValueTask<TOutput> StartFirstAttempt<TPhase, TInput, TOutput>(TPhase phase, TInput input, NodeContext context)
        where TPhase : IExecPhase<TInput, TOutput>
    {
        context.Attempt = 0;
        try
        {
            return phase.ExecAsync(input, context);
        }
        catch (Exception error)
        {
            return Faulted<TOutput>(error);
        }
    }

    /// <summary>
    /// A phase that threw synchronously, as a faulted task: <see cref="ContinueAsync"/> then handles it exactly like an
    /// asynchronous failure (only the failure path allocates).
    /// </summary>
    private static ValueTask Faulted(Exception error) => new(Task.FromException(error));

    /// <inheritdoc cref="Faulted(Exception)"/>
    private static ValueTask<TResult> Faulted<TResult>(Exception error) => new(Task.FromException<TResult>(error));

    /// <summary>A run rejected before it starts (a null argument, or a token already cancelled): faults the returned task.</summary>
    private static async ValueTask<string?> RejectAsync(string? nullArgument, NodeContext? context)
    {
        // Awaited first so that the exception lands in the returned task (as from any async method), never thrown to the caller.
        await default(ValueTask).ConfigureAwait(false);
        if (nullArgument is not null)
        {
            throw new ArgumentNullException(nullArgument);
        }

        context!.CancellationToken.ThrowIfCancellationRequested();
        return null;
    }

    /// <summary>Where <see cref="ContinueAsync"/> picks up a run.</summary>
    private enum Stage
    {
        BeforePrep,
        Prep,
        Exec,
        AfterExec,
        Post,
    }

    /// <summary>Runs one batch node: each item gets its own retries and fallback; results keep the input order.</summary>
    /// <typeparam name="TNode">The node's type.</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <typeparam name="TPrep">Prep's result.</typeparam>
    /// <typeparam name="TItem">One item.</typeparam>
    /// <typeparam name="TResult">Exec's result for one item.</typeparam>
    /// <param name="node">The node.</param>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The node's action (<see langword="null"/> = default).</returns>
    public static ValueTask<string?> RunBatchAsync<TNode, TShared, TPrep, TItem, TResult>(TNode node, TShared shared, NodeContext context)
        where TNode : IBatchNodeLifecycle<TShared, TPrep, TItem, TResult>
        => RunAsync<BatchLifecycle<TNode, TShared, TPrep, TItem, TResult>, TShared, TPrep, BatchResults<TItem, TResult>>(
            new BatchLifecycle<TNode, TShared, TPrep, TItem, TResult>(node), shared, context);

    /// <summary>Runs exec with the retry policy of <paramref name="settings"/>, then the fallback after the last failed attempt.</summary>
    private static ValueTask<TOutput> ExecuteAsync<TPhase, TInput, TOutput>(TPhase phase, TInput input, NodeSettings settings, NodeContext context)
        where TPhase : IExecPhase<TInput, TOutput> =>
        ExecuteAsync<TPhase, TInput, TOutput>(phase, input, settings, context, StartFirstAttempt<TPhase, TInput, TOutput>(phase, input, context));

    /// <summary>The retry loop of exec, given its first attempt (already started, possibly completed or faulted).</summary>
    private static async ValueTask<TOutput> ExecuteAsync<TPhase, TInput, TOutput>(TPhase phase, TInput input, NodeSettings settings, NodeContext context, ValueTask<TOutput> firstAttempt)
        where TPhase : IExecPhase<TInput, TOutput>
    {
        var token = context.CancellationToken;
        var maxRetries = settings.MaxRetries;
        for (var attempt = 0; ; attempt++)
        {
            context.Attempt = attempt;
            Exception failure;
            try
            {
                return await (attempt == 0 ? firstAttempt : phase.ExecAsync(input, context)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception error)
            {
                failure = error;
            }

            if (attempt + 1 >= maxRetries)
            {
                try
                {
                    return await phase.ExecFallbackAsync(input, failure, context).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception error) when (!ReferenceEquals(error, failure))
                {
                    throw new FallbackException(error);
                }
            }

            Log.Retrying(context.Logger, context.NodeId, attempt + 1, maxRetries, failure);
            KayGraphTelemetry.RecordRetry(context.NodeId);
            if (settings.Wait > TimeSpan.Zero)
            {
                await DelayAsync(settings.Wait, context).ConfigureAwait(false);
            }

            token.ThrowIfCancellationRequested();
        }
    }
#pragma warning restore CA2012

    private static Task DelayAsync(TimeSpan wait, NodeContext context)
    {
#if NET8_0_OR_GREATER
        return Task.Delay(wait, context.Options.TimeProvider, context.CancellationToken);
#else
        return context.Options.TimeProvider.Delay(wait, context.CancellationToken);
#endif
    }

    private static void Complete(Activity? activity, string id, long started, string? action, int attempt)
    {
        KayGraphTelemetry.RecordNode(id, started, NodeOutcome.Completed);
        if (activity is not null)
        {
            activity.SetTag(KayGraphTelemetry.ActionTag, Actions.OrDefault(action));
            activity.SetTag(KayGraphTelemetry.AttemptTag, attempt + 1);
            activity.Dispose();
        }
    }

    private static void Fail(Activity? activity, string id, long started, Exception error)
    {
        KayGraphTelemetry.RecordNode(id, started, NodeOutcome.Failed);
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            activity.Dispose();
        }
    }

    /// <summary>The run was cancelled: not a failure of the node (no error status, its own counter).</summary>
    private static void Cancel(Activity? activity, string id, long started)
    {
        KayGraphTelemetry.RecordNode(id, started, NodeOutcome.Canceled);
        if (activity is not null)
        {
            activity.SetTag(KayGraphTelemetry.CanceledTag, true);
            activity.Dispose();
        }
    }

    /// <summary>Implemented by lifecycles whose exec applies the retry policy itself (batches: per item).</summary>
    private interface IRunsOwnAttempts
    {
    }

    /// <summary>Marks an exception thrown by a fallback, so the error names the fallback phase.</summary>
    private sealed class FallbackException(Exception inner) : Exception(inner.Message, inner);

    /// <summary>Exec's result of a batch: the items and their results, both in input order.</summary>
    private readonly struct BatchResults<TItem, TResult>(IReadOnlyList<TItem> items, TResult[] results)
    {
        public IReadOnlyList<TItem> Items { get; } = items;

        public TResult[] Results { get; } = results;
    }

    /// <summary>Adapts a batch node to the single-node lifecycle: its exec runs every item with the item retry policy.</summary>
    private readonly struct BatchLifecycle<TNode, TShared, TPrep, TItem, TResult>(TNode node)
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
                    results[i] = await ExecuteAsync<TNode, TItem, TResult>(node, items[i], settings, context).ConfigureAwait(false);
                }
            }

            return new BatchResults<TItem, TResult>(items, results);
        }

        public ValueTask<BatchResults<TItem, TResult>> ExecFallbackAsync(TPrep input, Exception error, NodeContext context)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
            return default;
        }

        public ValueTask AfterExecAsync(TShared shared, TPrep prep, BatchResults<TItem, TResult> exec, NodeContext context) =>
            node.AfterExecAsync(shared, prep, exec.Results, context);

        public ValueTask<string?> PostAsync(TShared shared, TPrep prep, BatchResults<TItem, TResult> exec, NodeContext context) =>
            node.PostAsync(shared, prep, exec.Items, exec.Results, context);

        public ValueTask<bool> OnErrorAsync(TShared shared, Exception error, NodeContext context) => node.OnErrorAsync(shared, error, context);

        private static Task RunParallelAsync(TNode node, IReadOnlyList<TItem> items, TResult[] results, NodeSettings settings, NodeContext context) =>
            Concurrency.ForEachAsync(items.Count, settings.MaxConcurrency, async index =>
                results[index] = await ExecuteAsync<TNode, TItem, TResult>(node, items[index], settings, context.CreateBranch()).ConfigureAwait(false));
    }
}
