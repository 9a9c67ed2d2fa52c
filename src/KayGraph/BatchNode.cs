using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// A synchronous batch node (KayGraph's <c>BatchNode</c>): <see cref="Prep"/> returns the items, <see cref="Exec"/> runs once
/// per item in order (each item with its own retries and fallback), and <see cref="Post"/> receives the results in input order.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
/// <typeparam name="TItem">The type of one item.</typeparam>
/// <typeparam name="TResult">Exec's result for one item.</typeparam>
public abstract class BatchNode<TShared, TItem, TResult> : NodeBase<TShared>, IBatchNodeLifecycle<TShared, IEnumerable<TItem>, TItem, TResult>
{
    /// <summary>Creates a batch node.</summary>
    /// <param name="maxRetries">Total number of attempts of exec per item.</param>
    /// <param name="wait">Time waited between attempts.</param>
    /// <param name="id">The node's id; <see langword="null"/> for the class name.</param>
    protected BatchNode(int maxRetries = 1, TimeSpan wait = default, string? id = null)
        : this(new NodeSettings(maxRetries, wait), id)
    {
    }

    private protected BatchNode(NodeSettings settings, string? id)
        : base(id)
    {
        Settings = settings;
    }

    /// <inheritdoc />
    public NodeSettings Settings { get; }

    /// <inheritdoc />
    public virtual bool IsParallel => false;

    /// <inheritdoc />
    bool IBatchNodeLifecycle<TShared, IEnumerable<TItem>, TItem, TResult>.IsExecAsync => false;

    /// <summary>The <c>before_prep</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    protected virtual void BeforePrep(TShared shared, NodeContext context)
    {
    }

    /// <summary>Returns the items to execute.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The items.</returns>
    protected abstract IEnumerable<TItem> Prep(TShared shared, NodeContext context);

    /// <summary>Runs one item; must not touch the shared store.</summary>
    /// <param name="item">The item.</param>
    /// <param name="context">The item's context; <see cref="NodeContext.Attempt"/> is the attempt index.</param>
    /// <returns>The item's result.</returns>
    protected abstract TResult Exec(TItem item, NodeContext context);

    /// <summary>Runs after the last failed attempt of an item. Default: rethrows <paramref name="error"/>.</summary>
    /// <param name="item">The item.</param>
    /// <param name="error">The last attempt's exception.</param>
    /// <param name="context">The item's context.</param>
    /// <returns>A replacement result.</returns>
    protected virtual TResult ExecFallback(TItem item, Exception error, NodeContext context)
    {
        ExceptionDispatchInfo.Capture(error).Throw();
        return default!;
    }

    /// <summary>The <c>after_exec</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="results">The results, in input order.</param>
    /// <param name="context">The run's context.</param>
    protected virtual void AfterExec(TShared shared, IReadOnlyList<TResult> results, NodeContext context)
    {
    }

    /// <summary>Writes results to the shared store and returns the action. Default: <see langword="null"/>.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="items">The items, in input order.</param>
    /// <param name="results">The results, in input order.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The action.</returns>
    protected virtual string? Post(TShared shared, IReadOnlyList<TItem> items, IReadOnlyList<TResult> results, NodeContext context) => null;

    /// <summary>The <c>on_error</c> hook: return <see langword="true"/> to suppress the error.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="error">The original exception.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>Whether the error is suppressed.</returns>
    protected virtual bool OnError(TShared shared, Exception error, NodeContext context) => false;

    /// <inheritdoc />
    public override ValueTask<string?> RunAsync(TShared shared, NodeContext context) =>
        NodeExecutor.RunBatchAsync<BatchNode<TShared, TItem, TResult>, TShared, IEnumerable<TItem>, TItem, TResult>(this, shared, context);

    ValueTask IBatchNodeLifecycle<TShared, IEnumerable<TItem>, TItem, TResult>.BeforePrepAsync(TShared shared, NodeContext context)
    {
        BeforePrep(shared, context);
        return default;
    }

    ValueTask<IEnumerable<TItem>> IBatchNodeLifecycle<TShared, IEnumerable<TItem>, TItem, TResult>.PrepAsync(TShared shared, NodeContext context) =>
        new(Prep(shared, context));

    BatchSource<TItem> IBatchNodeLifecycle<TShared, IEnumerable<TItem>, TItem, TResult>.GetItems(IEnumerable<TItem> prep) => new(prep);

    ValueTask<TResult> IExecPhase<TItem, TResult>.ExecAsync(TItem input, NodeContext context) => new(Exec(input, context));

    ValueTask<TResult> IExecPhase<TItem, TResult>.ExecFallbackAsync(TItem input, Exception error, NodeContext context) =>
        new(ExecFallback(input, error, context));

    ValueTask IBatchNodeLifecycle<TShared, IEnumerable<TItem>, TItem, TResult>.AfterExecAsync(TShared shared, IEnumerable<TItem> prep, IReadOnlyList<TResult> results, NodeContext context)
    {
        AfterExec(shared, results, context);
        return default;
    }

    ValueTask<string?> IBatchNodeLifecycle<TShared, IEnumerable<TItem>, TItem, TResult>.PostAsync(TShared shared, IEnumerable<TItem> prep, IReadOnlyList<TItem> items, IReadOnlyList<TResult> results, NodeContext context) =>
        new(Post(shared, items, results, context));

    ValueTask<bool> IBatchNodeLifecycle<TShared, IEnumerable<TItem>, TItem, TResult>.OnErrorAsync(TShared shared, Exception error, NodeContext context) =>
        new(OnError(shared, error, context));
}

/// <summary>
/// A synchronous batch node whose items run concurrently on the thread pool (KayGraph's <c>ParallelBatchNode</c>), at most
/// <see cref="NodeSettings.MaxConcurrency"/> at a time. Results keep the input order.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
/// <typeparam name="TItem">The type of one item.</typeparam>
/// <typeparam name="TResult">Exec's result for one item.</typeparam>
public abstract class ParallelBatchNode<TShared, TItem, TResult> : BatchNode<TShared, TItem, TResult>
{
    /// <summary>Creates a parallel batch node.</summary>
    /// <param name="maxConcurrency">Maximum items in flight (<see cref="int.MaxValue"/> = unbounded).</param>
    /// <param name="maxRetries">Total number of attempts of exec per item.</param>
    /// <param name="wait">Time waited between attempts.</param>
    /// <param name="id">The node's id.</param>
    protected ParallelBatchNode(int maxConcurrency = int.MaxValue, int maxRetries = 1, TimeSpan wait = default, string? id = null)
        : base(new NodeSettings(maxRetries, wait, maxConcurrency), id)
    {
    }

    /// <inheritdoc />
    public override bool IsParallel => true;
}

/// <summary>
/// An asynchronous batch node (KayGraph's <c>AsyncBatchNode</c>): items run one after another, each awaited.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
/// <typeparam name="TItem">The type of one item.</typeparam>
/// <typeparam name="TResult">Exec's result for one item.</typeparam>
public abstract class AsyncBatchNode<TShared, TItem, TResult> : NodeBase<TShared>, IBatchNodeLifecycle<TShared, BatchSource<TItem>, TItem, TResult>
{
    /// <summary>Creates an asynchronous batch node.</summary>
    /// <param name="maxRetries">Total number of attempts of exec per item.</param>
    /// <param name="wait">Time waited between attempts.</param>
    /// <param name="id">The node's id.</param>
    protected AsyncBatchNode(int maxRetries = 1, TimeSpan wait = default, string? id = null)
        : this(new NodeSettings(maxRetries, wait), id)
    {
    }

    private protected AsyncBatchNode(NodeSettings settings, string? id)
        : base(id)
    {
        Settings = settings;
    }

    /// <inheritdoc />
    public NodeSettings Settings { get; }

    /// <inheritdoc />
    public virtual bool IsParallel => false;

    /// <inheritdoc />
    bool IBatchNodeLifecycle<TShared, BatchSource<TItem>, TItem, TResult>.IsExecAsync => true;

    /// <inheritdoc />
    public override bool IsAsync => true;

    /// <summary>The <c>before_prep</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    public virtual ValueTask BeforePrepAsync(TShared shared, NodeContext context) => default;

    /// <summary>Returns the items to execute: an array, a list, or <see cref="BatchSource{TItem}.FromAsync"/>.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The items.</returns>
    public abstract ValueTask<BatchSource<TItem>> PrepAsync(TShared shared, NodeContext context);

    /// <summary>Runs one item; must not touch the shared store.</summary>
    /// <param name="input">The item.</param>
    /// <param name="context">The item's context.</param>
    /// <returns>The item's result.</returns>
    public abstract ValueTask<TResult> ExecAsync(TItem input, NodeContext context);

    /// <summary>Runs after the last failed attempt of an item. Default: declines, handing back <paramref name="error"/> (awaiting the task rethrows it), so exec's error propagates.</summary>
    /// <param name="input">The item.</param>
    /// <param name="error">The last attempt's exception.</param>
    /// <param name="context">The item's context.</param>
    /// <returns>A replacement result.</returns>
    public virtual ValueTask<TResult> ExecFallbackAsync(TItem input, Exception error, NodeContext context)
    {
        // Declines without throwing (awaiting rethrows error itself), so this default adds no frame to the error's trace.
        return GeneratedCodeSupport.Rethrow<TResult>(error);
    }

    /// <summary>The <c>after_exec</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="prep">Prep's result.</param>
    /// <param name="results">The results, in input order.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    public virtual ValueTask AfterExecAsync(TShared shared, BatchSource<TItem> prep, IReadOnlyList<TResult> results, NodeContext context) => default;

    /// <summary>Writes results to the shared store and returns the action. Default: <see langword="null"/>.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="items">The items, in input order.</param>
    /// <param name="results">The results, in input order.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The action.</returns>
    public virtual ValueTask<string?> PostAsync(TShared shared, IReadOnlyList<TItem> items, IReadOnlyList<TResult> results, NodeContext context) => default;

    /// <summary>The <c>on_error</c> hook: return <see langword="true"/> to suppress the error.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="error">The original exception.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>Whether the error is suppressed.</returns>
    public virtual ValueTask<bool> OnErrorAsync(TShared shared, Exception error, NodeContext context) => default;

    /// <inheritdoc />
    public override ValueTask<string?> RunAsync(TShared shared, NodeContext context) =>
        NodeExecutor.RunBatchAsync<AsyncBatchNode<TShared, TItem, TResult>, TShared, BatchSource<TItem>, TItem, TResult>(this, shared, context);

    BatchSource<TItem> IBatchNodeLifecycle<TShared, BatchSource<TItem>, TItem, TResult>.GetItems(BatchSource<TItem> prep) => prep;

    ValueTask<string?> IBatchNodeLifecycle<TShared, BatchSource<TItem>, TItem, TResult>.PostAsync(TShared shared, BatchSource<TItem> prep, IReadOnlyList<TItem> items, IReadOnlyList<TResult> results, NodeContext context) =>
        PostAsync(shared, items, results, context);
}

/// <summary>
/// An asynchronous batch node whose items run concurrently (KayGraph's <c>AsyncParallelBatchNode</c>), at most
/// <see cref="NodeSettings.MaxConcurrency"/> in flight. Results keep the input order.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
/// <typeparam name="TItem">The type of one item.</typeparam>
/// <typeparam name="TResult">Exec's result for one item.</typeparam>
public abstract class AsyncParallelBatchNode<TShared, TItem, TResult> : AsyncBatchNode<TShared, TItem, TResult>
{
    /// <summary>Creates an asynchronous parallel batch node.</summary>
    /// <param name="maxConcurrency">Maximum items in flight (<see cref="int.MaxValue"/> = unbounded).</param>
    /// <param name="maxRetries">Total number of attempts of exec per item.</param>
    /// <param name="wait">Time waited between attempts.</param>
    /// <param name="id">The node's id.</param>
    protected AsyncParallelBatchNode(int maxConcurrency = int.MaxValue, int maxRetries = 1, TimeSpan wait = default, string? id = null)
        : base(new NodeSettings(maxRetries, wait, maxConcurrency), id)
    {
    }

    /// <inheritdoc />
    public override bool IsParallel => true;
}
