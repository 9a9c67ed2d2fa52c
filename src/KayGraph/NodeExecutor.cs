using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
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
        where TNode : INodeLifecycle<TShared, TPrep, TExec> =>
        context?.Events is null || node is null
            ? RunCore<TNode, TShared, TPrep, TExec>(node!, shared, context!)
            : RunObservedAsync<TNode, TShared, TPrep, TExec>(node, shared, context);

    /// <summary>A node of an observed run: its events around the same execution (a run nobody observes never comes here).</summary>
    private static async ValueTask<string?> RunObservedAsync<TNode, TShared, TPrep, TExec>(TNode node, TShared shared, NodeContext context)
        where TNode : INodeLifecycle<TShared, TPrep, TExec>
    {
        var events = context.Events!;
        var path = context.EventPrefix + node.Id;
        var started = events.Timestamp();
        await events.Write(new NodeStarted(path, node.Settings.MaxRetries), started, context.CancellationToken).ConfigureAwait(false);
        var action = await RunCore<TNode, TShared, TPrep, TExec>(node, shared, context).ConfigureAwait(false);
        var ended = events.Timestamp(); // one reading: the event's time and the node's duration
        await events.Write(new NodeCompleted(path, action, context.Attempt + 1, events.Elapsed(started, ended)), ended, context.CancellationToken).ConfigureAwait(false);
        return action;
    }

    private static ValueTask<string?> RunCore<TNode, TShared, TPrep, TExec>(TNode node, TShared shared, NodeContext context)
        where TNode : INodeLifecycle<TShared, TPrep, TExec>
    {
        if (node is null || context is null || context.CancellationToken.IsCancellationRequested)
        {
            return RejectAsync(node is null ? nameof(node) : context is null ? nameof(context) : null, context);
        }

        var token = context.CancellationToken;
        var settings = node.Settings;
        var id = node.Id;
        context.Enter(id, settings.MaxRetries, settings.Resilience);
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
            return Suspend(node, shared, context, new RunState<TPrep, TExec>(settings, activity, started, Stage.BeforePrep) { PendingUnit = unit });
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
            return Suspend(node, shared, context, new RunState<TPrep, TExec>(settings, activity, started, Stage.Prep) { PendingPrep = pendingPrep });
        }

        var prep = pendingPrep.Result;
        var pendingExec = StartExec<TNode, TPrep, TExec>(node, prep, settings, context);
        if (!pendingExec.IsCompletedSuccessfully || token.IsCancellationRequested)
        {
            return Suspend(node, shared, context, new RunState<TPrep, TExec>(settings, activity, started, Stage.Exec) { Prep = prep, PendingExec = pendingExec });
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
            return Suspend(node, shared, context, new RunState<TPrep, TExec>(settings, activity, started, Stage.AfterExec) { Prep = prep, Exec = exec, PendingUnit = unit });
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
            return Suspend(node, shared, context, new RunState<TPrep, TExec>(settings, activity, started, Stage.Post) { Prep = prep, Exec = exec, PendingPost = pendingPost });
        }

        var action = pendingPost.Result;
        Complete(activity, id, started, action, context.Attempt);
        return new ValueTask<string?>(action);
    }

    /// <summary>
    /// The rules of <see cref="RunAsync{TNode, TShared, TPrep, TExec}"/> from <paramref name="run"/>'s stage on: awaits that
    /// stage's pending phase (exec's first attempt for <see cref="Stage.Exec"/>), then checks cancellation and runs the
    /// phases after it.
    /// </summary>
    private static async ValueTask<string?> ContinueAsync<TNode, TShared, TPrep, TExec>(TNode node, TShared shared, NodeContext context, RunState<TPrep, TExec> run)
        where TNode : INodeLifecycle<TShared, TPrep, TExec>
    {
        var token = context.CancellationToken;
        var id = context.NodeId;
        var phase = PhaseBeforePrep;
        try
        {
            if (run.Stage == Stage.BeforePrep)
            {
                await run.PendingUnit.ConfigureAwait(false);
                phase = PhasePrep;
                token.ThrowIfCancellationRequested();
                run.PendingPrep = node.PrepAsync(shared, context);
                run.Stage = Stage.Prep;
            }

            if (run.Stage == Stage.Prep)
            {
                phase = PhasePrep;
                run.Prep = await run.PendingPrep.ConfigureAwait(false);
                phase = PhaseExec;
                token.ThrowIfCancellationRequested();
                run.PendingExec = StartExec<TNode, TPrep, TExec>(node, run.Prep, run.Settings, context);
                run.Stage = Stage.Exec;
            }

            if (run.Stage == Stage.Exec)
            {
                phase = PhaseExec;
                run.Exec = RetryLoopStarted<TNode>(run.Settings)
                    ? await run.PendingExec.ConfigureAwait(false)
                    : await ExecuteAsync<TNode, TPrep, TExec>(node, run.Prep, run.Settings, context, run.PendingExec).ConfigureAwait(false);
                phase = PhaseAfterExec;
                token.ThrowIfCancellationRequested();
                run.PendingUnit = node.AfterExecAsync(shared, run.Prep, run.Exec, context);
                run.Stage = Stage.AfterExec;
            }

            if (run.Stage == Stage.AfterExec)
            {
                phase = PhaseAfterExec;
                await run.PendingUnit.ConfigureAwait(false);
                phase = PhasePost;
                token.ThrowIfCancellationRequested();
                run.PendingPost = node.PostAsync(shared, run.Prep, run.Exec, context);
            }

            phase = PhasePost;
            var action = await run.PendingPost.ConfigureAwait(false);
            Complete(run.Activity, id, run.Started, action, context.Attempt);
            return action;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            Cancel(run.Activity, id, run.Started);
            throw;
        }
        catch (RunSuspendedException)
        {
            // The node waits for an answer: not a failure, so no error hook; the durable run saves the question.
            run.Activity?.SetTag("kaygraph.suspended", true);
            run.Activity?.Dispose();
            throw;
        }
        catch (Exception error)
        {
            var original = error is FallbackException fallback ? fallback.InnerException! : error;
            if (error is FallbackException)
            {
                phase = PhaseFallback;
            }

            // Exec fails out of the retry loop on its last attempt, or on the attempt whose error the retry filter declined
            // (the context's attempt); a batch's items count their attempts on their own, so it names the last one.
            var attempt = (phase is PhaseExec or PhaseFallback) && AttemptPolicy<TNode>.RunsOwnAttempts ? run.Settings.MaxRetries : context.Attempt + 1;
            bool suppressed;
            try
            {
                suppressed = await node.OnErrorAsync(shared, original, context).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                Cancel(run.Activity, id, run.Started);
                throw;
            }
            catch (Exception hookError)
            {
                // The hook itself failed: end the span and report it with the node's context, like any other phase.
                Fail(run.Activity, id, run.Started, hookError);
                throw new NodeExecutionException(id, PhaseOnError, attempt, run.Settings.MaxRetries, hookError);
            }

            if (suppressed)
            {
                Log.ErrorSuppressed(context.Logger, id, original);
                Complete(run.Activity, id, run.Started, null, context.Attempt);
                return null;
            }

            Fail(run.Activity, id, run.Started, original);
            throw new NodeExecutionException(id, phase, attempt, run.Settings.MaxRetries, original);
        }
    }

    /// <summary>
    /// Hands a run over to <see cref="ContinueAsync"/> while keeping the caller's ambient span: the node's span stays
    /// current inside the continuation (its async context), and the caller, which started it on this synchronous path,
    /// gets its own current span back, as an async method would have left it.
    /// </summary>
    private static ValueTask<string?> Suspend<TNode, TShared, TPrep, TExec>(TNode node, TShared shared, NodeContext context, RunState<TPrep, TExec> run)
        where TNode : INodeLifecycle<TShared, TPrep, TExec>
    {
        var continuation = ContinueAsync<TNode, TShared, TPrep, TExec>(node, shared, context, run);
        if (run.Activity is not null)
        {
            Activity.Current = run.Activity.Parent;
        }

        return continuation;
    }

    /// <summary>
    /// Starts exec: its first attempt (a batch's whole exec), which the retry loop then takes over; or, for a node with a
    /// timeout, the whole retry loop at once, since every attempt of it, the first too, runs under its own timer.
    /// </summary>
    private static ValueTask<TExec> StartExec<TNode, TPrep, TExec>(TNode node, TPrep prep, NodeSettings settings, NodeContext context)
        where TNode : IExecPhase<TPrep, TExec> =>
        AttemptPolicy<TNode>.RunsOwnAttempts || settings.Timeout <= TimeSpan.Zero
            ? StartFirstAttempt<TNode, TPrep, TExec>(node, prep, context)
            : ExecuteAsync<TNode, TPrep, TExec>(node, prep, settings, context);

    /// <summary>Whether <see cref="StartExec"/> started the retry loop itself (a batch, or a node with a timeout), not just exec's first attempt.</summary>
    private static bool RetryLoopStarted<TNode>(NodeSettings settings) => AttemptPolicy<TNode>.RunsOwnAttempts || settings.Timeout > TimeSpan.Zero;

    /// <summary>
    /// Starts exec's first attempt (a batch's whole exec) with the attempt index reset. A synchronous throw becomes a
    /// faulted task, so the retry loop of exec sees it like any failed attempt, whichever path started it.
    /// </summary>
    private static ValueTask<TOutput> StartFirstAttempt<TPhase, TInput, TOutput>(TPhase phase, TInput input, NodeContext context)
        where TPhase : IExecPhase<TInput, TOutput>
    {
        context.Attempt = 0;
        return StartAttempt<TPhase, TInput, TOutput>(phase, input, context);
    }

    /// <summary>Starts one attempt of exec at the context's attempt index; a synchronous throw becomes a faulted task.</summary>
    private static ValueTask<TOutput> StartAttempt<TPhase, TInput, TOutput>(TPhase phase, TInput input, NodeContext context)
        where TPhase : IExecPhase<TInput, TOutput>
    {
        try
        {
            return context.Resilience is null ? phase.ExecAsync(input, context) : ResilientAttempt<TPhase, TInput, TOutput>(phase, input, context, context.Resilience);
        }
        catch (Exception error)
        {
            return Faulted<TOutput>(error);
        }
    }

    /// <summary>
    /// One attempt of exec through the Polly pipeline registered under <paramref name="key"/> in the run's
    /// <c>ResiliencePipelineProvider&lt;string&gt;</c> (<see cref="RunOptions.Services"/>). The pipeline's token (its own
    /// timeout, for example) reaches the phase; KayGraph's retries, timeout and fallback still apply around the attempt.
    /// </summary>
    private static ValueTask<TOutput> ResilientAttempt<TPhase, TInput, TOutput>(TPhase phase, TInput input, NodeContext context, string key)
        where TPhase : IExecPhase<TInput, TOutput>
    {
        var provider = context.Options.Services?.GetService(typeof(Polly.Registry.ResiliencePipelineProvider<string>)) as Polly.Registry.ResiliencePipelineProvider<string>
            ?? throw new InvalidOperationException($"Node '{context.NodeId}' runs exec through the resilience pipeline '{key}', but the run has no ResiliencePipelineProvider<string>: set RunOptions.Services to a service provider where the pipeline is registered (services.AddResiliencePipeline(\"{key}\", ...) with Polly), or create the graph from that provider.");
        if (!provider.TryGetPipeline(key, out var pipeline))
        {
            throw new InvalidOperationException($"Node '{context.NodeId}' runs exec through the resilience pipeline '{key}', which the run's ResiliencePipelineProvider<string> does not have; register it with services.AddResiliencePipeline(\"{key}\", ...).");
        }

        return pipeline.ExecuteAsync(
            static (state, token) => state.Phase.ExecAsync(state.Input, token == state.Context.CancellationToken ? state.Context : state.Context.ForAttempt(token)),
            (Phase: phase, Input: input, Context: context),
            context.CancellationToken);
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

    /// <summary>
    /// What a run carries from the synchronous path into <see cref="ContinueAsync"/>, and what the continuation updates as
    /// it goes: the stage it picks up at, that stage's pending phase, and the results so far. Built only when the run leaves
    /// the synchronous path.
    /// </summary>
    private struct RunState<TPrep, TExec>(NodeSettings settings, Activity? activity, long started, Stage stage)
    {
        /// <summary>The node's retry policy, read once when the run started.</summary>
        public readonly NodeSettings Settings = settings;

        /// <summary>The node's span (<see langword="null"/> when nobody listens).</summary>
        public readonly Activity? Activity = activity;

        /// <summary>The timestamp for the duration histogram (0 when it is off).</summary>
        public readonly long Started = started;

        /// <summary>The stage whose pending phase runs next.</summary>
        public Stage Stage = stage;

        /// <summary>The pending <c>before_prep</c> or <c>after_exec</c> hook.</summary>
        public ValueTask PendingUnit;

        /// <summary>The pending prep.</summary>
        public ValueTask<TPrep> PendingPrep;

        /// <summary>Prep's result.</summary>
        public TPrep Prep = default!;

        /// <summary>The pending first attempt of exec.</summary>
        public ValueTask<TExec> PendingExec;

        /// <summary>Exec's result.</summary>
        public TExec Exec = default!;

        /// <summary>The pending post.</summary>
        public ValueTask<string?> PendingPost;
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
    internal static ValueTask<TOutput> ExecuteAsync<TPhase, TInput, TOutput>(TPhase phase, TInput input, NodeSettings settings, NodeContext context)
        where TPhase : IExecPhase<TInput, TOutput> =>
        settings.Timeout > TimeSpan.Zero
            ? ExecuteAsync<TPhase, TInput, TOutput>(phase, input, settings, context, default)
            : AwaitFirstAttempt<TPhase, TInput, TOutput>(phase, input, settings, context, StartFirstAttempt<TPhase, TInput, TOutput>(phase, input, context));

    /// <summary>
    /// Exec's first attempt, started: a success that is already there costs nothing, a pending one is awaited by a small
    /// state machine (what a batch item in flight holds), and only a failure enters the retry loop, which applies every
    /// rule to it as to any failed attempt.
    /// </summary>
    private static ValueTask<TOutput> AwaitFirstAttempt<TPhase, TInput, TOutput>(TPhase phase, TInput input, NodeSettings settings, NodeContext context, ValueTask<TOutput> first)
        where TPhase : IExecPhase<TInput, TOutput>
    {
        if (first.IsCompletedSuccessfully)
        {
            return first;
        }

        return first.IsCompleted
            ? ExecuteAsync<TPhase, TInput, TOutput>(phase, input, settings, context, first)
            : AwaitFirstAttemptAsync<TPhase, TInput, TOutput>(phase, input, settings, context, first);
    }

    private static async ValueTask<TOutput> AwaitFirstAttemptAsync<TPhase, TInput, TOutput>(TPhase phase, TInput input, NodeSettings settings, NodeContext context, ValueTask<TOutput> first)
        where TPhase : IExecPhase<TInput, TOutput>
    {
        Exception failure;
        try
        {
            return await first.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            failure = error;
        }

        return await ExecuteAsync<TPhase, TInput, TOutput>(phase, input, settings, context, Faulted<TOutput>(failure)).ConfigureAwait(false);
    }

    /// <summary>
    /// The retry loop of exec, given its first attempt (already started, possibly completed or faulted). With a timeout
    /// (<see cref="NodeSettings.Timeout"/>) the loop starts every attempt itself, each under its own timer, and
    /// <paramref name="firstAttempt"/> is unused.
    /// </summary>
    internal static async ValueTask<TOutput> ExecuteAsync<TPhase, TInput, TOutput>(TPhase phase, TInput input, NodeSettings settings, NodeContext context, ValueTask<TOutput> firstAttempt)
        where TPhase : IExecPhase<TInput, TOutput>
    {
        var token = context.CancellationToken;
        var maxRetries = settings.MaxRetries;
        var timeout = settings.Timeout;
        for (var attempt = 0; ; attempt++)
        {
            context.Attempt = attempt;
            Exception failure;
            CancellationTokenSource? timer = null;
            ITimer? alarm = null;
            try
            {
                if (timeout > TimeSpan.Zero)
                {
                    // The attempt's token: the caller's, and cancelled when the attempt's time is up (on the run's clock).
                    timer = CancellationTokenSource.CreateLinkedTokenSource(token);
                    alarm = context.Options.TimeProvider.CreateTimer(CancelTimedOut, timer, timeout, System.Threading.Timeout.InfiniteTimeSpan);
                    firstAttempt = StartAttempt<TPhase, TInput, TOutput>(phase, input, context.ForAttempt(timer.Token));
                }

                return await (attempt == 0 || timer is not null ? firstAttempt : StartAttempt<TPhase, TInput, TOutput>(phase, input, context)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException error) when (timer is { IsCancellationRequested: true })
            {
                failure = new TimeoutException(TimedOut(context.NodeId, attempt + 1, maxRetries, timeout), error);
            }
            catch (RunSuspendedException)
            {
                throw; // waiting for an answer is not a failure: no retry, no fallback
            }
            catch (Exception error)
            {
                failure = error;
            }
            finally
            {
                if (timer is not null)
                {
                    alarm?.Dispose();
                    timer.Dispose();
                }
            }

            var last = attempt + 1 >= maxRetries;
            if (last || !settings.ShouldRetry(failure))
            {
                if (last)
                {
                    Log.LastAttemptFailed(context.Logger, context.NodeId, attempt + 1, maxRetries, failure);
                }
                else
                {
                    Log.NotRetried(context.Logger, context.NodeId, attempt + 1, maxRetries, failure);
                }

                var lastFailure = ExceptionDispatchInfo.Capture(failure);
                try
                {
                    return await phase.ExecFallbackAsync(input, failure, context).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception error) when (ReferenceEquals(error, failure))
                {
                    // The fallback declined (a node without one hands back the error it was given): exec's error leaves
                    // with the stack trace it had before the fallback, so no frame of the fallback, which the node may not
                    // even declare, shows in logs or in the error.
                    lastFailure.Throw();
                    throw;
                }
                catch (Exception error)
                {
                    throw new FallbackException(error);
                }
            }

            Log.Retrying(context.Logger, context.NodeId, attempt + 1, maxRetries, failure);
            KayGraphTelemetry.RecordRetry(context.NodeId);
            var delay = settings.NextDelay(attempt + 1);
            if (context.Events is { } events)
            {
                await events.WriteAsync(new NodeRetrying(context.EventPrefix + context.NodeId, attempt + 1, failure.GetType().FullName ?? failure.GetType().Name, failure.Message, delay), token).ConfigureAwait(false);
            }

            if (delay > TimeSpan.Zero)
            {
                await DelayAsync(delay, context).ConfigureAwait(false);
            }

            token.ThrowIfCancellationRequested();
        }
    }
#pragma warning restore CA2012

    /// <summary>The timer callback of a timed attempt: cancels the attempt's token (unless the attempt is already over).</summary>
    private static void CancelTimedOut(object? state)
    {
        try
        {
            ((CancellationTokenSource)state!).Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt ended as its time ran out: nothing left to cancel.
        }
    }

    private static string TimedOut(string nodeId, int attempt, int maxRetries, TimeSpan timeout) =>
        string.Format(CultureInfo.InvariantCulture, "Node '{0}' attempt {1} of {2} timed out after {3} ms", nodeId, attempt, maxRetries, (long)timeout.TotalMilliseconds);

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

    /// <summary>
    /// Whether lifecycles of type <typeparamref name="TNode"/> run exec's attempts themselves (<see cref="IRunsOwnAttempts"/>:
    /// the batch adapter, per item), so the executor must not wrap exec in its retry loop. Computed once per closed type; a
    /// static readonly field the JIT reads as a constant once the class is initialized.
    /// </summary>
    private static class AttemptPolicy<TNode>
    {
        public static readonly bool RunsOwnAttempts = typeof(IRunsOwnAttempts).IsAssignableFrom(typeof(TNode));
    }

    /// <summary>Marks an exception thrown by a fallback, so the error names the fallback phase.</summary>
    private sealed class FallbackException(Exception inner) : Exception(inner.Message, inner);
}
