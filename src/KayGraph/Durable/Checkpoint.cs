using System;
using System.Collections.Generic;

namespace KayGraph;

/// <summary>
/// One saved step of a durable run: where it stands (the node to run next, as a path through nested graphs), the last
/// action, its status, the graph's fingerprint and the shared store as JSON. A store keeps every step of a run.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The step number: 0 when the run starts, one more after each node's post.</summary>
    public required long Step { get; init; }

    /// <summary>The id of the graph that runs (its class name).</summary>
    public required string Graph { get; init; }

    /// <summary>The graph's <c>Fingerprint</c> when the checkpoint was written (node ids and edges).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The node to run next, outermost first (<c>["Review"]</c>, or <c>["Approval", "Ask"]</c> inside a nested graph); empty when the run completed.</summary>
    public required IReadOnlyList<string> Position { get; init; }

    /// <summary>The last action returned (<see langword="null"/> for the default action, or before the first node).</summary>
    public string? LastAction { get; init; }

    /// <summary>The run's status at this step.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>The shared store, serialized with System.Text.Json.</summary>
    public required string Shared { get; init; }

    /// <summary>The open question of a suspended run.</summary>
    public PendingQuestion? Pending { get; init; }

    /// <summary>The failure of a failed run: the exception's type and message.</summary>
    public RunError? Error { get; init; }

    /// <summary>When the checkpoint was written.</summary>
    public DateTimeOffset SavedAt { get; init; }

    /// <summary>A copy of this checkpoint under another run id (the start of a fork).</summary>
    /// <param name="runId">The new run's id.</param>
    /// <returns>The copy.</returns>
    public Checkpoint WithRunId(string runId) => new()
    {
        RunId = runId,
        Step = Step,
        Graph = Graph,
        Fingerprint = Fingerprint,
        Position = Position,
        LastAction = LastAction,
        Status = Status,
        Shared = Shared,
        Pending = Pending,
        Error = Error,
        SavedAt = SavedAt,
    };
}

/// <summary>The question a suspended run waits on: the asking node, the request as JSON, and the answer type it expects.</summary>
/// <param name="NodePath">The asking node, outermost graph first.</param>
/// <param name="RequestType">The request's type (full name).</param>
/// <param name="Request">The request, serialized with System.Text.Json.</param>
/// <param name="AnswerType">The type of the answer the node expects (full name).</param>
public sealed record PendingQuestion(IReadOnlyList<string> NodePath, string RequestType, string Request, string AnswerType)
{
    /// <summary>The asking node's id: its path joined with <c>/</c>.</summary>
    public string NodeId => string.Join("/", NodePath);
}

/// <summary>Why a run failed: the exception's type and message (and the exception itself within the process that saw it).</summary>
/// <param name="Type">The exception's type (full name).</param>
/// <param name="Message">The exception's message.</param>
public sealed record RunError(string Type, string Message)
{
    /// <summary>The exception, when the failure happened in this process; <see langword="null"/> when read from a store.</summary>
    public Exception? Exception { get; init; }
}
