using System;
using System.Collections.Generic;
using Orleans;

namespace KayGraph.Orleans;

/// <summary>
/// A run as its grain reports it: its latest checkpoint (status, step, position, last action, the shared store and the open
/// question as the graph's own JSON) and whether a silo is executing it now, and which.
/// </summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Graph">The id of the graph that runs (its class name).</param>
/// <param name="Status">The run's status as its latest checkpoint records it.</param>
/// <param name="Step">The latest saved step.</param>
/// <param name="Position">The node to run next, outermost graph first (empty when the run completed).</param>
/// <param name="LastAction">The last action returned (<see langword="null"/> for the default action).</param>
/// <param name="Shared">The shared store, serialized with the graph's System.Text.Json options.</param>
/// <param name="Pending">The open question of a suspended run.</param>
/// <param name="ErrorType">The exception type of a failed run.</param>
/// <param name="ErrorMessage">The exception message of a failed run.</param>
/// <param name="Executing"><see langword="true"/> while a silo executes the run (a node is running, or the next one is about to).</param>
/// <param name="Silo">The silo whose grain answered (the one that executes the run when <paramref name="Executing"/>).</param>
/// <param name="SavedAt">When the latest checkpoint was written.</param>
[GenerateSerializer]
[Immutable]
public sealed record RunSnapshot(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Graph,
    [property: Id(2)] RunStatus Status,
    [property: Id(3)] long Step,
    [property: Id(4)] IReadOnlyList<string> Position,
    [property: Id(5)] string? LastAction,
    [property: Id(6)] string Shared,
    [property: Id(7)] RunQuestion? Pending,
    [property: Id(8)] string? ErrorType,
    [property: Id(9)] string? ErrorMessage,
    [property: Id(10)] bool Executing,
    [property: Id(11)] string Silo,
    [property: Id(12)] DateTimeOffset SavedAt);

/// <summary>The question a suspended run waits on, as its grain reports it.</summary>
/// <param name="NodePath">The asking node, outermost graph first.</param>
/// <param name="RequestType">The request's type (full name).</param>
/// <param name="Request">The request, serialized with the graph's System.Text.Json options.</param>
/// <param name="AnswerType">The type of the answer the node expects (full name).</param>
[GenerateSerializer]
[Immutable]
public sealed record RunQuestion(
    [property: Id(0)] IReadOnlyList<string> NodePath,
    [property: Id(1)] string RequestType,
    [property: Id(2)] string Request,
    [property: Id(3)] string AnswerType)
{
    /// <summary>The asking node's id: its path joined with <c>/</c>.</summary>
    public string NodeId => string.Join("/", NodePath);
}

/// <summary>
/// One event of a run's current (or last) stretch, as the grain that executes it keeps them: numbered in order across the
/// grain's life, so that a reader polls for those after the last it saw.
/// </summary>
/// <param name="Sequence">The event's number, increasing, also across activations of the grain (each activation numbers on from the clock's ticks when it activated).</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened, in camel case: <c>graphStarted</c>, <c>graphCompleted</c>, <c>graphFailed</c>, <c>nodeStarted</c>, <c>nodeRetrying</c>, <c>nodeCompleted</c>, <c>batchProgress</c>, <c>checkpointSaved</c>, <c>runSuspended</c>.</param>
/// <param name="Path">The node or graph path the event is about (<see langword="null"/> for a checkpoint).</param>
/// <param name="Action">The action of a completed node or graph.</param>
/// <param name="Step">The step of a saved checkpoint.</param>
/// <param name="Status">The status of a saved checkpoint.</param>
/// <param name="Detail">An error's type and message, a batch's progress (<c>done/total</c>), or a suspension's request as JSON.</param>
/// <param name="Silo">The silo that executed the stretch.</param>
[GenerateSerializer]
[Immutable]
public sealed record RunEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string? Path,
    [property: Id(4)] string? Action,
    [property: Id(5)] long? Step,
    [property: Id(6)] RunStatus? Status,
    [property: Id(7)] string? Detail,
    [property: Id(8)] string Silo);

/// <summary>A run as its grain reports it, with the shared store and the open question's request read as the graph's types.</summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
/// <param name="Snapshot">The run as the grain sent it (JSON payloads).</param>
/// <param name="Shared">The shared store.</param>
/// <param name="Pending">The open question of a suspended run, its request deserialized; <see langword="null"/> otherwise.</param>
public sealed record RunSnapshot<TShared>(RunSnapshot Snapshot, TShared Shared, PendingInterrupt? Pending)
{
    /// <summary>The run's id.</summary>
    public string RunId => Snapshot.RunId;

    /// <summary>The run's status.</summary>
    public RunStatus Status => Snapshot.Status;

    /// <summary>The latest saved step.</summary>
    public long Step => Snapshot.Step;

    /// <summary>The last action.</summary>
    public string? LastAction => Snapshot.LastAction;

    /// <summary><see langword="true"/> while a silo executes the run.</summary>
    public bool Executing => Snapshot.Executing;

    /// <summary>The silo whose grain answered.</summary>
    public string Silo => Snapshot.Silo;

    /// <summary>The failure of a failed run: the exception's type and message; <see langword="null"/> otherwise.</summary>
    public RunError? Error => Snapshot.ErrorType is { } type ? new RunError(type, Snapshot.ErrorMessage ?? "") : null;
}
