using System;
using System.Collections.Generic;

namespace KayGraph;

/// <summary>Where a durable run stands after <c>StartAsync</c> or <c>ResumeAsync</c>.</summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
public sealed class RunResult<TShared>
{
    /// <summary>Creates a result.</summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="status">The run's status.</param>
    /// <param name="lastAction">The last action.</param>
    /// <param name="shared">The shared store.</param>
    /// <param name="step">The latest saved step.</param>
    /// <param name="pending">The open question of a suspended run.</param>
    /// <param name="error">The failure of a failed run.</param>
    public RunResult(string runId, RunStatus status, string? lastAction, TShared shared, long step, PendingInterrupt? pending = null, RunError? error = null)
    {
        RunId = runId;
        Status = status;
        LastAction = lastAction;
        Shared = shared;
        Step = step;
        Pending = pending;
        Error = error;
    }

    /// <summary>The run's id.</summary>
    public string RunId { get; }

    /// <summary>The run's status.</summary>
    public RunStatus Status { get; }

    /// <summary>The last action (<see langword="null"/> for the default action).</summary>
    public string? LastAction { get; }

    /// <summary>The shared store: the run's results (as of the latest checkpoint for a suspended or failed run).</summary>
    public TShared Shared { get; }

    /// <summary>The latest saved step.</summary>
    public long Step { get; }

    /// <summary>The open question of a suspended run; <see langword="null"/> otherwise.</summary>
    public PendingInterrupt? Pending { get; }

    /// <summary>The failure of a failed run; <see langword="null"/> otherwise.</summary>
    public RunError? Error { get; }
}

/// <summary>The question a suspended run waits on.</summary>
/// <param name="NodePath">The asking node, outermost graph first.</param>
/// <param name="Request">The request the node asked with.</param>
/// <param name="AnswerType">The type of the answer it expects: resume with a value of this type.</param>
public sealed record PendingInterrupt(IReadOnlyList<string> NodePath, object? Request, Type AnswerType)
{
    /// <summary>The asking node's id: its path joined with <c>/</c>.</summary>
    public string NodeId => string.Join("/", NodePath);
}
