using System;

namespace KayGraph;

/// <summary>
/// A step of a run was written by someone else first: two processes resumed the same run, and the other one won. The
/// loser's run stops; the store holds the winner's step.
/// </summary>
public sealed class CheckpointConflictException : InvalidOperationException
{
    /// <summary>Creates the exception for step <paramref name="step"/> of run <paramref name="runId"/>.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="step">The step that already exists.</param>
    public CheckpointConflictException(string runId, long step)
        : base($"Step {step} of run '{runId}' was already written by another writer; this one stops (resume the run to continue from the store).")
    {
        RunId = runId;
        Step = step;
    }

    /// <summary>Creates the exception for step <paramref name="step"/> of run <paramref name="runId"/>, caused by <paramref name="inner"/>.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="step">The step that already exists.</param>
    /// <param name="inner">The store's own error (a unique-key violation, for example).</param>
    public CheckpointConflictException(string runId, long step, Exception inner)
        : base($"Step {step} of run '{runId}' was already written by another writer; this one stops (resume the run to continue from the store).", inner)
    {
        RunId = runId;
        Step = step;
    }

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>The step that another writer wrote first.</summary>
    public long Step { get; }
}

/// <summary>No checkpoint of the run exists in the store.</summary>
public sealed class RunNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="runId"/>.</summary>
    /// <param name="runId">The unknown run.</param>
    public RunNotFoundException(string runId)
        : base($"The checkpoint store has no run '{runId}'.")
    {
        RunId = runId;
    }

    /// <summary>The unknown run.</summary>
    public string RunId { get; }
}
