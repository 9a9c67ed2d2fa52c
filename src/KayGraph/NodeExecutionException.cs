using System;

namespace KayGraph;

/// <summary>
/// Raised when a node fails: it names the node, the phase and the attempt, and carries the original exception as
/// <see cref="Exception.InnerException"/> (its type stays catchable there). Cancellation is never wrapped.
/// </summary>
public sealed class NodeExecutionException : Exception
{
    /// <summary>Creates the exception for a failure of <paramref name="nodeId"/>.</summary>
    /// <param name="nodeId">The node that failed.</param>
    /// <param name="phase">The phase that failed (<c>prep</c>, <c>exec</c>, <c>fallback</c>, <c>post</c>, ...).</param>
    /// <param name="attempt">The 1-based attempt that failed.</param>
    /// <param name="maxRetries">The total number of attempts allowed.</param>
    /// <param name="innerException">The original exception.</param>
    public NodeExecutionException(string nodeId, string phase, int attempt, int maxRetries, Exception innerException)
        : base($"Node '{nodeId}' failed in {phase} on attempt {attempt} of {maxRetries}: {innerException?.Message}", innerException)
    {
        NodeId = nodeId;
        Phase = phase;
        Attempt = attempt;
        MaxRetries = maxRetries;
    }

    /// <summary>The id of the node that failed.</summary>
    public string NodeId { get; }

    /// <summary>The phase that failed.</summary>
    public string Phase { get; }

    /// <summary>The 1-based attempt that failed.</summary>
    public int Attempt { get; }

    /// <summary>The total number of attempts allowed.</summary>
    public int MaxRetries { get; }
}

/// <summary>
/// Raised in strict mode (<see cref="RunOptions.StrictActions"/>) when a node returns an action for which it has no successor
/// although it has others. It names the node, the action and the actions the node has.
/// </summary>
public sealed class UnknownActionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="nodeId">The node that returned the action.</param>
    /// <param name="action">The action returned.</param>
    /// <param name="availableActions">The actions the node has successors for.</param>
    public UnknownActionException(string nodeId, string action, System.Collections.Generic.IReadOnlyList<string> availableActions)
        : base($"Node '{nodeId}' returned action '{action}', which has no successor; its actions are [{string.Join(", ", availableActions)}].")
    {
        NodeId = nodeId;
        Action = action;
        AvailableActions = availableActions;
    }

    /// <summary>The node that returned the action.</summary>
    public string NodeId { get; }

    /// <summary>The action returned.</summary>
    public string Action { get; }

    /// <summary>The actions the node has successors for.</summary>
    public System.Collections.Generic.IReadOnlyList<string> AvailableActions { get; }
}
