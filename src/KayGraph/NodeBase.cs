using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KayGraph;

/// <summary>
/// The base of every node of the dynamic API: an id, successors by action, configuration, and the <c>&gt;&gt;</c> and
/// <c>- "action" &gt;&gt;</c> wiring operators. Node instances hold only their definition; all execution state lives in the
/// <see cref="NodeContext"/> of a run, so an instance can run in many runs at once.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
public abstract class NodeBase<TShared> : INode<TShared>, IAsyncDisposable, IDisposable
{
    private Dictionary<string, INode<TShared>>? _successors;

    /// <summary>The successors as an array, for nodes with few of them (the usual case): scanned by reference, then by value.</summary>
    private KeyValuePair<string, INode<TShared>>[]? _few;

    /// <summary>Creates a node.</summary>
    /// <param name="id">The node's id; <see langword="null"/> for the class name.</param>
    protected NodeBase(string? id = null)
    {
        Id = id ?? GetType().Name;
    }

    /// <summary>
    /// The logger for warnings raised while wiring graphs (an overwritten successor). Default: a null logger. One logger
    /// serves every store type (setting it through any <c>NodeBase&lt;T&gt;</c> sets it for all).
    /// Run-time warnings go to <see cref="RunOptions.Logger"/>.
    /// </summary>
    public static ILogger WiringLogger
    {
        get => WiringLog.Logger;
        set => WiringLog.Logger = value ?? NullLogger.Instance;
    }

    /// <summary>The id of the node in logs, traces and error messages.</summary>
    public string Id { get; }

    /// <summary>The node's own configuration; when <see langword="null"/>, the node inherits its graph's.</summary>
    public IReadOnlyDictionary<string, object?>? Config { get; set; }

    /// <summary>The parameters used when the node runs on its own (a graph hands down its own parameters instead).</summary>
    public IReadOnlyDictionary<string, object?>? Params { get; set; }

    /// <summary>Whether the node has asynchronous phases and so must run inside an asynchronous graph.</summary>
    public virtual bool IsAsync => false;

    /// <summary>The successors of the node by action.</summary>
    public IReadOnlyDictionary<string, INode<TShared>> Successors =>
        (IReadOnlyDictionary<string, INode<TShared>>?)_successors ?? EmptySuccessors.Instance;

    /// <summary>Wires <paramref name="node"/> as the successor on <paramref name="action"/> (warns when one is replaced).</summary>
    /// <typeparam name="TNode">The successor's type.</typeparam>
    /// <param name="node">The successor.</param>
    /// <param name="action">The action; <c>"default"</c> when omitted.</param>
    /// <returns><paramref name="node"/>, so that chains read left to right.</returns>
    public TNode Next<TNode>(TNode node, string action = Actions.Default)
        where TNode : INode<TShared>
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        if (string.IsNullOrEmpty(action))
        {
            throw new ArgumentException($"The action of a transition from node '{Id}' must not be empty.", nameof(action));
        }

        _successors ??= new Dictionary<string, INode<TShared>>(StringComparer.Ordinal);
        if (_successors.ContainsKey(action))
        {
            Log.SuccessorOverwritten(WiringLogger, Id, action);
        }

        _successors[action] = node;
        _few = _successors.Count <= FewSuccessors ? _successors.ToArray() : null;
        return node;
    }

    /// <summary>Finds the successor for <paramref name="action"/>.</summary>
    /// <param name="action">The action (<see langword="null"/> = default).</param>
    /// <returns>The successor, or <see langword="null"/> when there is none.</returns>
    public INode<TShared>? GetSuccessor(string? action)
    {
        var key = Actions.OrDefault(action);
        if (_few is { } few)
        {
            // A post returns its action as a literal (or the generated name), the same string instance as the one wired:
            // comparing references first finds it without hashing; an equal string built at run time is found next.
            foreach (var pair in few)
            {
                if (ReferenceEquals(pair.Key, key))
                {
                    return pair.Value;
                }
            }

            foreach (var pair in few)
            {
                if (string.Equals(pair.Key, key, StringComparison.Ordinal))
                {
                    return pair.Value;
                }
            }

            return null;
        }

        return _successors is not null && _successors.TryGetValue(key, out var next) ? next : null;
    }

    /// <summary>Up to this many successors are looked up by scanning an array rather than by hashing.</summary>
    private const int FewSuccessors = 8;

    /// <summary>Wires <paramref name="right"/> as the default successor of <paramref name="left"/> and returns <paramref name="right"/>.</summary>
    /// <param name="left">The predecessor.</param>
    /// <param name="right">The successor.</param>
    /// <returns><paramref name="right"/>.</returns>
    public static NodeBase<TShared> operator >>(NodeBase<TShared> left, NodeBase<TShared> right)
    {
        if (left is null)
        {
            throw new ArgumentNullException(nameof(left));
        }

        return left.Next(right);
    }

    /// <summary>Starts a transition on <paramref name="action"/>: <c>node - "action" &gt;&gt; successor</c>.</summary>
    /// <param name="node">The predecessor.</param>
    /// <param name="action">The action.</param>
    /// <returns>The pending transition.</returns>
    public static Transition<TShared> operator -(NodeBase<TShared> node, string action) => new(node, action);

    /// <inheritdoc />
    public abstract ValueTask<string?> RunAsync(TShared shared, NodeContext context);

    /// <summary>
    /// Runs the node on its own with the default options (its successors do not run; KayGraph warns about that) and returns
    /// its action.
    /// </summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="cancellationToken">Observed by every phase and wait.</param>
    /// <returns>The node's action.</returns>
    public ValueTask<string?> RunAsync(TShared shared, CancellationToken cancellationToken = default) =>
        RunAsync(shared, null, cancellationToken);

    /// <summary>
    /// Runs the node on its own (its successors do not run; KayGraph warns about that) and returns its action.
    /// </summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="options">The run options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Observed by every phase and wait.</param>
    /// <returns>The node's action.</returns>
    public ValueTask<string?> RunAsync(TShared shared, RunOptions? options, CancellationToken cancellationToken = default)
    {
        var context = new NodeContext(options ?? DefaultOptions, Params, cancellationToken);
        context.SetConfig(Config);
        if (_successors is { Count: > 0 } && this is not Graph<TShared>)
        {
            Log.SuccessorsNotRun(context.Logger, Id);
        }

        return RunAsync(shared, context);
    }

    /// <summary>
    /// Runs a synchronous node or graph on the calling thread and returns its action. Asynchronous nodes must use
    /// <see cref="RunAsync(TShared, RunOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="shared">The shared store.</param>
    /// <param name="options">The run options; <see langword="null"/> for the defaults.</param>
    /// <returns>The node's action.</returns>
    /// <exception cref="InvalidOperationException">The node is asynchronous.</exception>
    public string? Run(TShared shared, RunOptions? options = null)
    {
        if (IsAsync)
        {
            throw new InvalidOperationException($"Node '{Id}' is asynchronous: use RunAsync, or run it inside an AsyncGraph.");
        }

        var pending = RunAsync(shared, options, CancellationToken.None);
        return pending.IsCompleted ? pending.GetAwaiter().GetResult() : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Options used by <see cref="RunAsync(TShared, RunOptions?, CancellationToken)"/> when none are given.</summary>
    protected virtual RunOptions DefaultOptions => RunOptions.Default;

    /// <summary>Wraps any <see cref="INode{TShared}"/> (a generated node or graph) so it can take successors in a dynamic graph.</summary>
    /// <param name="node">The node to wrap.</param>
    /// <returns>A dynamic node that runs <paramref name="node"/>.</returns>
    public static NodeBase<TShared> Wrap(INode<TShared> node) => node as NodeBase<TShared> ?? new WrappedNode(node);

    /// <summary>Releases the node's resources (KayGraph's <c>cleanup_resources</c>).</summary>
    /// <returns>A task that completes when the resources are released.</returns>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        Dispose(disposing: false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the node's resources synchronously.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Override to release asynchronous resources.</summary>
    /// <returns>A task that completes when the resources are released.</returns>
    protected virtual ValueTask DisposeAsyncCore() => default;

    /// <summary>Override to release synchronous resources.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    private sealed class WrappedNode(INode<TShared> inner) : NodeBase<TShared>(inner.Id)
    {
        public override bool IsAsync => true;

        public override ValueTask<string?> RunAsync(TShared shared, NodeContext context) => inner.RunAsync(shared, context);

        protected override async ValueTask DisposeAsyncCore()
        {
            await base.DisposeAsyncCore().ConfigureAwait(false);
            await GeneratedCodeSupport.DisposeNodeAsync(inner).ConfigureAwait(false);
        }
    }

    private static class EmptySuccessors
    {
        public static readonly IReadOnlyDictionary<string, INode<TShared>> Instance = new Dictionary<string, INode<TShared>>(0);
    }
}

/// <summary>The process-wide logger behind <see cref="NodeBase{TShared}.WiringLogger"/>, shared by every store type.</summary>
internal static class WiringLog
{
    public static ILogger Logger { get; set; } = NullLogger.Instance;
}

/// <summary>A transition waiting for its target: the result of <c>node - "action"</c>.</summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
public readonly struct Transition<TShared>
{
    internal Transition(NodeBase<TShared> from, string action)
    {
        From = from;
        Action = action;
    }

    /// <summary>The predecessor.</summary>
    public NodeBase<TShared> From { get; }

    /// <summary>The action.</summary>
    public string Action { get; }

    /// <summary>Completes the transition: wires <paramref name="to"/> on the action and returns it.</summary>
    /// <param name="transition">The pending transition.</param>
    /// <param name="to">The successor.</param>
    /// <returns><paramref name="to"/>.</returns>
    public static NodeBase<TShared> operator >>(Transition<TShared> transition, NodeBase<TShared> to) =>
        transition.From.Next(to, transition.Action);
}
