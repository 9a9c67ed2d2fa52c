using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace KayGraph;

/// <summary>
/// The execution state of one run: the cancellation token, the run options, the parameters and configuration handed down by
/// the graph, and the node and attempt being executed. A run owns its context, so one graph or node instance can run many
/// times concurrently with different shared stores. Phases read it; the runtime writes it.
/// </summary>
public sealed class NodeContext
{
    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>(0);

    /// <summary>Creates the context of a new run.</summary>
    /// <param name="options">The run options; <see langword="null"/> for <see cref="RunOptions.Default"/>.</param>
    /// <param name="parameters">The parameters of the run (KayGraph's <c>params</c>); <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">The token observed by every phase and every wait of the run.</param>
    public NodeContext(RunOptions? options = null, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        Options = options ?? RunOptions.Default;
        CancellationToken = cancellationToken;
        Params = parameters ?? Empty;
        Config = Empty;
        NodeId = string.Empty;
    }

    private NodeContext(NodeContext parent, IReadOnlyDictionary<string, object?> parameters)
        : this(parent, parameters, parent.CancellationToken)
    {
    }

    private NodeContext(NodeContext parent, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        Options = parent.Options;
        CancellationToken = cancellationToken;
        Params = parameters;
        Config = parent.Config;
        NodeId = parent.NodeId;
        MaxRetries = parent.MaxRetries;
        Resilience = parent.Resilience;
        Durable = parent.Durable;
        Events = parent.Events;
        EventPrefix = parent.EventPrefix;
        GraphDepth = parent.GraphDepth;
    }

    /// <summary>The options of the run.</summary>
    public RunOptions Options { get; }

    /// <summary>The logger of the run (shortcut for <c>Options.Logger</c>).</summary>
    public ILogger Logger => Options.Logger;

    /// <summary>
    /// The token observed by every phase and every wait of the run. Inside an attempt of exec with a timeout
    /// (<see cref="NodeSettings.Timeout"/>), exec gets a context of its own whose token is the attempt's: cancelled by the
    /// caller or when the attempt times out.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The parameters handed down by the graph (KayGraph's <c>params</c>); batch graphs merge each parameter set in.</summary>
    public IReadOnlyDictionary<string, object?> Params { get; internal set; }

    /// <summary>The configuration in force for the current node: its own, else the one inherited from its graph.</summary>
    public IReadOnlyDictionary<string, object?> Config { get; internal set; }

    /// <summary>The id of the node being executed.</summary>
    public string NodeId { get; internal set; }

    /// <summary>The 0-based index of the current attempt of exec (KayGraph's <c>cur_retry</c>).</summary>
    public int Attempt { get; internal set; }

    /// <summary>The total number of attempts the current node allows.</summary>
    public int MaxRetries { get; internal set; } = 1;

    /// <summary>The durable run this context belongs to (its position and answer); <see langword="null"/> for an in-memory run.</summary>
    internal DurableRunState? Durable { get; init; }

    /// <summary>Where this run's events go; <see langword="null"/> when nobody observes the run.</summary>
    internal RunEvents? Events { get; init; }

    /// <summary>The path of the nested graphs the current node runs in (<c>"Outer/"</c>), for event paths.</summary>
    internal string EventPrefix { get; set; } = string.Empty;

    /// <summary>How many graph runs the current node is inside (1 for the outermost graph's nodes).</summary>
    internal int GraphDepth { get; set; }

    /// <summary>Creates a context for a concurrent branch of this run (a parallel batch item or parameter set).</summary>
    /// <param name="parameters">The parameters of the branch; <see langword="null"/> keeps the current ones.</param>
    /// <returns>A new context sharing options and token, with its own node and attempt state.</returns>
    public NodeContext CreateBranch(IReadOnlyDictionary<string, object?>? parameters = null) => new(this, parameters ?? Params);

    /// <summary>Replaces the configuration in force (used by graphs for nodes that have none of their own).</summary>
    /// <param name="config">The configuration; <see langword="null"/> for none.</param>
    public void SetConfig(IReadOnlyDictionary<string, object?>? config) => Config = config ?? Empty;

    /// <summary>The context of one timed attempt of exec: this one's state at this attempt, with the attempt's token.</summary>
    internal NodeContext ForAttempt(CancellationToken attemptToken) => new(this, Params, attemptToken) { Attempt = Attempt };

    /// <summary>The key of the Polly pipeline the current node's exec attempts run through, if it names one.</summary>
    internal string? Resilience { get; private set; }

    internal void Enter(string nodeId, int maxRetries, string? resilience = null)
    {
        NodeId = nodeId;
        MaxRetries = maxRetries;
        Resilience = resilience;
        Attempt = 0;
    }
}
