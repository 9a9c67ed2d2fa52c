using System;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>Operations every checkpoint store supports through its interface.</summary>
public static class CheckpointStoreExtensions
{
    /// <summary>
    /// Starts a new run from an earlier step of another: the new run's first checkpoint is a copy of step
    /// <paramref name="step"/> of <paramref name="runId"/>; <c>ResumeAsync(newRunId, ...)</c> continues from there. The
    /// original run is not changed.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="runId">The run to fork.</param>
    /// <param name="step">The step to start from.</param>
    /// <param name="newRunId">The new run's id; it must not exist yet.</param>
    /// <param name="cancellationToken">Cancels the fork.</param>
    /// <returns>The new run's first checkpoint.</returns>
    /// <exception cref="RunNotFoundException">The run or its step does not exist.</exception>
    /// <exception cref="CheckpointConflictException">A run <paramref name="newRunId"/> exists already.</exception>
    public static async ValueTask<Checkpoint> ForkAsync(this ICheckpointStore store, string runId, long step, string newRunId, CancellationToken cancellationToken = default)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        if (string.IsNullOrEmpty(newRunId))
        {
            throw new ArgumentException("The new run needs an id.", nameof(newRunId));
        }

        var source = await store.GetAsync(runId, step, cancellationToken).ConfigureAwait(false)
            ?? throw new RunNotFoundException(runId + "@" + step);
        if (await store.GetLatestAsync(newRunId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw new CheckpointConflictException(newRunId, existing.Step);
        }

        var fork = source.WithRunId(newRunId);
        await store.SaveAsync(fork, cancellationToken).ConfigureAwait(false);
        return fork;
    }
}
