using System;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// An asynchronous node of the dynamic API (KayGraph's <c>AsyncNode</c>): override <see cref="ExecAsync"/>, and optionally
/// <see cref="PrepAsync"/>, <see cref="PostAsync"/>, <see cref="ExecFallbackAsync"/> and the hooks. Use
/// <see cref="NodeContext.CancellationToken"/> for cancellation. Execution rules come from <see cref="NodeExecutor"/>.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
/// <typeparam name="TPrep">Prep's result.</typeparam>
/// <typeparam name="TExec">Exec's result.</typeparam>
public abstract class AsyncNode<TShared, TPrep, TExec> : NodeBase<TShared>, INodeLifecycle<TShared, TPrep, TExec>
{
    /// <summary>Creates a node.</summary>
    /// <param name="maxRetries">Total number of attempts of exec (1 = no retry).</param>
    /// <param name="wait">Time waited between attempts (without blocking a thread).</param>
    /// <param name="id">The node's id; <see langword="null"/> for the class name.</param>
    protected AsyncNode(int maxRetries = 1, TimeSpan wait = default, string? id = null)
        : base(id)
    {
        Settings = new NodeSettings(maxRetries, wait);
    }

    /// <summary>Creates a node with the given settings: retries, backoff, jitter, per-attempt timeout, retry filter.</summary>
    /// <param name="settings">The node's retry policy.</param>
    /// <param name="id">The node's id; <see langword="null"/> for the class name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is <see langword="null"/>.</exception>
    protected AsyncNode(NodeSettings settings, string? id = null)
        : base(id)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
    }

    /// <inheritdoc />
    public NodeSettings Settings { get; }

    /// <inheritdoc />
    public override bool IsAsync => true;

    /// <summary>The <c>before_prep</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    public virtual ValueTask BeforePrepAsync(TShared shared, NodeContext context) => default;

    /// <summary>Reads what exec needs from the shared store. Default: <see langword="default"/>.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>Prep's result.</returns>
    public virtual ValueTask<TPrep> PrepAsync(TShared shared, NodeContext context) => new(default(TPrep)!);

    /// <summary>The work of the node; must not touch the shared store (it may be retried).</summary>
    /// <param name="input">Prep's result.</param>
    /// <param name="context">The run's context; <see cref="NodeContext.Attempt"/> is the attempt index.</param>
    /// <returns>Exec's result.</returns>
    public abstract ValueTask<TExec> ExecAsync(TPrep input, NodeContext context);

    /// <summary>Runs after the last failed attempt. Default: declines, handing back <paramref name="error"/> (awaiting the task rethrows it), so exec's error propagates.</summary>
    /// <param name="input">Prep's result.</param>
    /// <param name="error">The last attempt's exception.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A replacement result.</returns>
    public virtual ValueTask<TExec> ExecFallbackAsync(TPrep input, Exception error, NodeContext context)
    {
        // Declines without throwing (awaiting rethrows error itself), so this default adds no frame to the error's trace.
        return GeneratedCodeSupport.Rethrow<TExec>(error);
    }

    /// <summary>The <c>after_exec</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="prep">Prep's result.</param>
    /// <param name="exec">Exec's result.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    public virtual ValueTask AfterExecAsync(TShared shared, TPrep prep, TExec exec, NodeContext context) => default;

    /// <summary>Writes results to the shared store and returns the action. Default: <see langword="null"/> (the default action).</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="prep">Prep's result.</param>
    /// <param name="exec">Exec's result.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The action.</returns>
    public virtual ValueTask<string?> PostAsync(TShared shared, TPrep prep, TExec exec, NodeContext context) => default;

    /// <summary>The <c>on_error</c> hook: return <see langword="true"/> to suppress the error. Default: <see langword="false"/>.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="error">The original exception.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>Whether the error is suppressed.</returns>
    public virtual ValueTask<bool> OnErrorAsync(TShared shared, Exception error, NodeContext context) => default;

    /// <inheritdoc />
    public override ValueTask<string?> RunAsync(TShared shared, NodeContext context) =>
        NodeExecutor.RunAsync<AsyncNode<TShared, TPrep, TExec>, TShared, TPrep, TExec>(this, shared, context);
}
