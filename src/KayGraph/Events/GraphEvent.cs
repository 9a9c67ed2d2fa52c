using System;

namespace KayGraph;

/// <summary>
/// Something that happened in a run, as <c>RunStreamingAsync</c> (and <c>StartStreamingAsync</c>/<c>ResumeStreamingAsync</c>
/// of durable graphs) report it. Node paths name nested graphs: <c>"Approval/AskBudget"</c>.
/// </summary>
public abstract record GraphEvent
{
    /// <summary>When it happened, on the run's clock (<see cref="RunOptions.TimeProvider"/>); stamped by the runtime as it is reported.</summary>
    public DateTimeOffset At { get; internal set; }

    // The run's buffer of unread events links them through these two (RunEvents); both are back to null and 0 before the
    // reader hands an event out, so they never take part in what a user sees of it (equality, hash code, printing).
    internal GraphEvent? Below;
    internal int Depth;
}

/// <summary>A graph run started (the outer graph, or a nested one).</summary>
/// <param name="GraphPath">The graph's id, prefixed by the graphs it is nested in.</param>
public sealed record GraphStarted(string GraphPath) : GraphEvent;

/// <summary>A graph run ended with <paramref name="Action"/>.</summary>
/// <param name="GraphPath">The graph's path.</param>
/// <param name="Action">Its last action (<see langword="null"/> for the default action).</param>
public sealed record GraphCompleted(string GraphPath, string? Action) : GraphEvent;

/// <summary>A graph run ended with an error (not a cancellation).</summary>
/// <param name="GraphPath">The graph's path.</param>
/// <param name="ErrorType">The error's type (full name).</param>
/// <param name="Message">The error's message.</param>
public sealed record GraphFailed(string GraphPath, string ErrorType, string Message) : GraphEvent;

/// <summary>A node started.</summary>
/// <param name="NodePath">The node's path.</param>
/// <param name="MaxRetries">The attempts it allows.</param>
public sealed record NodeStarted(string NodePath, int MaxRetries) : GraphEvent;

/// <summary>An attempt of a node's exec failed and another follows after <paramref name="Delay"/>.</summary>
/// <param name="NodePath">The node's path.</param>
/// <param name="Attempt">The attempt that failed (1-based).</param>
/// <param name="ErrorType">The error's type (full name).</param>
/// <param name="Message">The error's message.</param>
/// <param name="Delay">The wait before the next attempt.</param>
public sealed record NodeRetrying(string NodePath, int Attempt, string ErrorType, string Message, TimeSpan Delay) : GraphEvent;

/// <summary>A node ended with <paramref name="Action"/>.</summary>
/// <param name="NodePath">The node's path.</param>
/// <param name="Action">Its action (<see langword="null"/> for the default action).</param>
/// <param name="Attempts">The attempts exec took.</param>
/// <param name="Duration">How long the node ran.</param>
public sealed record NodeCompleted(string NodePath, string? Action, int Attempts, TimeSpan Duration) : GraphEvent;

/// <summary>Items of a batch node are done.</summary>
/// <param name="NodePath">The batch node's path.</param>
/// <param name="Done">Items done so far.</param>
/// <param name="Total">All items.</param>
public sealed record BatchProgress(string NodePath, int Done, int Total) : GraphEvent;

/// <summary>A durable run saved a checkpoint.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Step">The step saved.</param>
/// <param name="Status">The run's status in it.</param>
public sealed record CheckpointSaved(string RunId, long Step, RunStatus Status) : GraphEvent;

/// <summary>A durable run suspended: a node asks for input.</summary>
/// <param name="RunId">The run.</param>
/// <param name="NodePath">The asking node's path.</param>
/// <param name="Request">What it asks.</param>
public sealed record RunSuspended(string RunId, string NodePath, object? Request) : GraphEvent;
