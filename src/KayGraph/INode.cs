using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// Anything that can run as a step of a graph over a shared store of type <typeparamref name="TShared"/>: a node, a batch
/// node, or a whole graph (graphs nest). Generated nodes and graphs implement it, and so does the dynamic API.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
public interface INode<in TShared>
{
    /// <summary>The id of the node in logs, traces and error messages.</summary>
    string Id { get; }

    /// <summary>Runs the node once against <paramref name="shared"/> and returns its action (<see langword="null"/> = default).</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context (cancellation, options, parameters).</param>
    /// <returns>The action that selects the next node.</returns>
    ValueTask<string?> RunAsync(TShared shared, NodeContext context);
}

/// <summary>
/// What a graph does inside its run (its nodes, and for a batch graph its prep and every parameter set), without the run's
/// tracing: <see cref="GraphRuntime.RunGraphAsync{TGraph, TShared}"/> wraps it in the graph's span. Generated graphs implement it
/// explicitly; it is not meant to be called by hand (calling it skips the graph's span and counter).
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGraphBody<in TShared>
{
    /// <summary>Runs the graph's body once and returns the graph's action.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The graph's action (<see langword="null"/> = default).</returns>
    ValueTask<string?> RunBodyAsync(TShared shared, NodeContext context);
}

/// <summary>The exec phase of a node (or of one batch item): retried by the runtime, with a fallback after the last attempt.</summary>
/// <typeparam name="TInput">The input of exec (prep's result, or one batch item).</typeparam>
/// <typeparam name="TOutput">The result of exec.</typeparam>
public interface IExecPhase<TInput, TOutput>
{
    /// <summary>Runs one attempt of exec. <see cref="NodeContext.Attempt"/> holds the attempt index.</summary>
    /// <param name="input">Prep's result, or one batch item.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>Exec's result.</returns>
    ValueTask<TOutput> ExecAsync(TInput input, NodeContext context);

    /// <summary>
    /// Runs after the last failed attempt. A fallback that fails with <paramref name="error"/> itself declines (the default
    /// of a node that declares none): exec's error then propagates with the stack trace of the failed attempt. Declining
    /// through a faulted task (<see cref="GeneratedCodeSupport.Rethrow{T}"/>) rather than a throw is the cheaper way.
    /// </summary>
    /// <param name="input">Prep's result, or one batch item.</param>
    /// <param name="error">The exception of the last attempt.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A replacement result.</returns>
    ValueTask<TOutput> ExecFallbackAsync(TInput input, Exception error, NodeContext context);
}

/// <summary>
/// The lifecycle of a node that <see cref="NodeExecutor"/> drives: <c>before_prep → prep → exec (retried) → after_exec →
/// post</c>, with <c>on_error</c> on failure. Generated nodes implement it by calling the user's phases directly; every
/// execution rule (retries, waits, fallback, hooks, cancellation, tracing) lives in <see cref="NodeExecutor"/>.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
/// <typeparam name="TPrep">Prep's result (<see cref="Unit"/> when there is none).</typeparam>
/// <typeparam name="TExec">Exec's result (<see cref="Unit"/> when there is none).</typeparam>
public interface INodeLifecycle<TShared, TPrep, TExec> : IExecPhase<TPrep, TExec>
{
    /// <summary>The id of the node.</summary>
    string Id { get; }

    /// <summary>The retry policy of exec.</summary>
    NodeSettings Settings { get; }

    /// <summary>The <c>before_prep</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    ValueTask BeforePrepAsync(TShared shared, NodeContext context);

    /// <summary>Reads what exec needs from the shared store.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>Prep's result.</returns>
    ValueTask<TPrep> PrepAsync(TShared shared, NodeContext context);

    /// <summary>The <c>after_exec</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="prep">Prep's result.</param>
    /// <param name="exec">Exec's result.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    ValueTask AfterExecAsync(TShared shared, TPrep prep, TExec exec, NodeContext context);

    /// <summary>Writes results to the shared store and returns the action (<see langword="null"/> = default).</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="prep">Prep's result.</param>
    /// <param name="exec">Exec's result.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The action.</returns>
    ValueTask<string?> PostAsync(TShared shared, TPrep prep, TExec exec, NodeContext context);

    /// <summary>The <c>on_error</c> hook: return <see langword="true"/> to suppress the error and end the node with the default action.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="error">The original exception.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>Whether the error is suppressed.</returns>
    ValueTask<bool> OnErrorAsync(TShared shared, Exception error, NodeContext context);
}

/// <summary>
/// The lifecycle of a batch node that <see cref="NodeExecutor"/> drives: prep yields items, exec runs once per item (each with
/// its own retries and fallback), sequentially or concurrently, and post receives the results in input order.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
/// <typeparam name="TPrep">Prep's result, from which the items come.</typeparam>
/// <typeparam name="TItem">The type of one item.</typeparam>
/// <typeparam name="TResult">Exec's result for one item.</typeparam>
public interface IBatchNodeLifecycle<TShared, TPrep, TItem, TResult> : IExecPhase<TItem, TResult>
{
    /// <summary>The id of the node.</summary>
    string Id { get; }

    /// <summary>The retry policy of each item and the concurrency limit.</summary>
    NodeSettings Settings { get; }

    /// <summary>Whether items run concurrently (parallel batch) or one after another.</summary>
    bool IsParallel { get; }

    /// <summary>
    /// Whether exec is asynchronous (<c>ExecAsync</c>). Without a concurrency limit, the items of a parallel batch with an
    /// asynchronous exec all start from the caller, as <c>Task.WhenAll</c> over them would; those of a synchronous exec run
    /// on thread-pool workers, so their work runs in parallel.
    /// </summary>
    bool IsExecAsync { get; }

    /// <summary>The <c>before_prep</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    ValueTask BeforePrepAsync(TShared shared, NodeContext context);

    /// <summary>Reads the items from the shared store.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>Prep's result.</returns>
    ValueTask<TPrep> PrepAsync(TShared shared, NodeContext context);

    /// <summary>Turns prep's result into the items to execute.</summary>
    /// <param name="prep">Prep's result.</param>
    /// <returns>The items.</returns>
    BatchSource<TItem> GetItems(TPrep prep);

    /// <summary>The <c>after_exec</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="prep">Prep's result.</param>
    /// <param name="results">The results, in input order.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    ValueTask AfterExecAsync(TShared shared, TPrep prep, IReadOnlyList<TResult> results, NodeContext context);

    /// <summary>Writes results to the shared store and returns the action (<see langword="null"/> = default).</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="prep">Prep's result.</param>
    /// <param name="items">The items that were executed, in input order.</param>
    /// <param name="results">The results, in input order.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The action.</returns>
    ValueTask<string?> PostAsync(TShared shared, TPrep prep, IReadOnlyList<TItem> items, IReadOnlyList<TResult> results, NodeContext context);

    /// <summary>The <c>on_error</c> hook: return <see langword="true"/> to suppress the error and end the node with the default action.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="error">The original exception.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>Whether the error is suppressed.</returns>
    ValueTask<bool> OnErrorAsync(TShared shared, Exception error, NodeContext context);
}
