using System;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// A synchronous node of the dynamic API (KayGraph's <c>Node</c>): override <see cref="Exec"/>, and optionally
/// <see cref="Prep"/>, <see cref="Post"/>, <see cref="ExecFallback"/> and the hooks. Execution rules come from
/// <see cref="NodeExecutor"/>.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
/// <typeparam name="TPrep">Prep's result.</typeparam>
/// <typeparam name="TExec">Exec's result.</typeparam>
public abstract class Node<TShared, TPrep, TExec> : NodeBase<TShared>, INodeLifecycle<TShared, TPrep, TExec>
{
    /// <summary>Creates a node.</summary>
    /// <param name="maxRetries">Total number of attempts of exec (1 = no retry).</param>
    /// <param name="wait">Time waited between attempts.</param>
    /// <param name="id">The node's id; <see langword="null"/> for the class name.</param>
    protected Node(int maxRetries = 1, TimeSpan wait = default, string? id = null)
        : base(id)
    {
        Settings = new NodeSettings(maxRetries, wait);
    }

    /// <summary>Creates a node with the given settings: retries, backoff, jitter, per-attempt timeout, retry filter.</summary>
    /// <param name="settings">The node's retry policy.</param>
    /// <param name="id">The node's id; <see langword="null"/> for the class name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is <see langword="null"/>.</exception>
    protected Node(NodeSettings settings, string? id = null)
        : base(id)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
    }

    /// <inheritdoc />
    public NodeSettings Settings { get; }

    /// <summary>The <c>before_prep</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    protected virtual void BeforePrep(TShared shared, NodeContext context)
    {
    }

    /// <summary>Reads what exec needs from the shared store. Default: <see langword="default"/>.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>Prep's result.</returns>
    protected virtual TPrep Prep(TShared shared, NodeContext context) => default!;

    /// <summary>The work of the node; must not touch the shared store (it may be retried).</summary>
    /// <param name="prep">Prep's result.</param>
    /// <param name="context">The run's context; <see cref="NodeContext.Attempt"/> is the attempt index.</param>
    /// <returns>Exec's result.</returns>
    protected abstract TExec Exec(TPrep prep, NodeContext context);

    /// <summary>Runs after the last failed attempt. Default: rethrows <paramref name="error"/>.</summary>
    /// <param name="prep">Prep's result.</param>
    /// <param name="error">The last attempt's exception.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>A replacement result.</returns>
    protected virtual TExec ExecFallback(TPrep prep, Exception error, NodeContext context)
    {
        ExceptionDispatchInfo.Capture(error).Throw();
        return default!;
    }

    /// <summary>The <c>after_exec</c> hook.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="prep">Prep's result.</param>
    /// <param name="exec">Exec's result.</param>
    /// <param name="context">The run's context.</param>
    protected virtual void AfterExec(TShared shared, TPrep prep, TExec exec, NodeContext context)
    {
    }

    /// <summary>Writes results to the shared store and returns the action. Default: <see langword="null"/> (the default action).</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="prep">Prep's result.</param>
    /// <param name="exec">Exec's result.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The action.</returns>
    protected virtual string? Post(TShared shared, TPrep prep, TExec exec, NodeContext context) => null;

    /// <summary>The <c>on_error</c> hook: return <see langword="true"/> to suppress the error. Default: <see langword="false"/>.</summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="error">The original exception.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>Whether the error is suppressed.</returns>
    protected virtual bool OnError(TShared shared, Exception error, NodeContext context) => false;

    /// <summary>Post-processes prep's result before exec (used by <see cref="ValidatedNode{TShared, TPrep, TExec}"/>).</summary>
    private protected virtual TPrep AfterPrep(TPrep prep) => prep;

    /// <summary>Post-processes exec's result before the hooks and post (used by <see cref="ValidatedNode{TShared, TPrep, TExec}"/>).</summary>
    private protected virtual TExec BeforePost(TExec exec) => exec;

    /// <inheritdoc />
    public override ValueTask<string?> RunAsync(TShared shared, NodeContext context) =>
        NodeExecutor.RunAsync<Node<TShared, TPrep, TExec>, TShared, TPrep, TExec>(this, shared, context);

    ValueTask INodeLifecycle<TShared, TPrep, TExec>.BeforePrepAsync(TShared shared, NodeContext context)
    {
        BeforePrep(shared, context);
        return default;
    }

    ValueTask<TPrep> INodeLifecycle<TShared, TPrep, TExec>.PrepAsync(TShared shared, NodeContext context) => new(AfterPrep(Prep(shared, context)));

    ValueTask<TExec> IExecPhase<TPrep, TExec>.ExecAsync(TPrep input, NodeContext context) => new(BeforePost(Exec(input, context)));

    ValueTask<TExec> IExecPhase<TPrep, TExec>.ExecFallbackAsync(TPrep input, Exception error, NodeContext context) =>
        new(BeforePost(ExecFallback(input, error, context)));

    ValueTask INodeLifecycle<TShared, TPrep, TExec>.AfterExecAsync(TShared shared, TPrep prep, TExec exec, NodeContext context)
    {
        AfterExec(shared, prep, exec, context);
        return default;
    }

    ValueTask<string?> INodeLifecycle<TShared, TPrep, TExec>.PostAsync(TShared shared, TPrep prep, TExec exec, NodeContext context) =>
        new(Post(shared, prep, exec, context));

    ValueTask<bool> INodeLifecycle<TShared, TPrep, TExec>.OnErrorAsync(TShared shared, Exception error, NodeContext context) =>
        new(OnError(shared, error, context));
}

/// <summary>
/// A node that validates its input and output (KayGraph's <c>ValidatedNode</c>): <see cref="ValidateInput"/> runs on prep's
/// result before exec, <see cref="ValidateOutput"/> on exec's result (each attempt). Throw to reject; return the value
/// (possibly normalized) to accept.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
/// <typeparam name="TPrep">Prep's result.</typeparam>
/// <typeparam name="TExec">Exec's result.</typeparam>
public abstract class ValidatedNode<TShared, TPrep, TExec> : Node<TShared, TPrep, TExec>
{
    /// <summary>Creates a validated node.</summary>
    /// <param name="maxRetries">Total number of attempts of exec.</param>
    /// <param name="wait">Time waited between attempts.</param>
    /// <param name="id">The node's id.</param>
    protected ValidatedNode(int maxRetries = 1, TimeSpan wait = default, string? id = null)
        : base(maxRetries, wait, id)
    {
    }

    /// <summary>Validates prep's result before exec. Default: accepts it as is.</summary>
    /// <param name="prep">Prep's result.</param>
    /// <returns>The value exec receives.</returns>
    protected virtual TPrep ValidateInput(TPrep prep) => prep;

    /// <summary>Validates exec's result. Default: accepts it as is.</summary>
    /// <param name="exec">Exec's result.</param>
    /// <returns>The value post receives.</returns>
    protected virtual TExec ValidateOutput(TExec exec) => exec;

    private protected sealed override TPrep AfterPrep(TPrep prep) => ValidateInput(prep);

    private protected sealed override TExec BeforePost(TExec exec) => ValidateOutput(exec);
}
