using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// Where durable runs keep their checkpoints: every step of every run. Implementations write each checkpoint atomically and
/// never record a step twice: saving a step that exists throws <see cref="CheckpointConflictException"/>. All of them pass
/// one conformance suite (in-memory here, SQLite in <c>KayGraph.Sqlite</c>, grain storage in <c>KayGraph.Orleans</c>).
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Saves one step of a run, atomically.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the checkpoint is durable.</returns>
    /// <exception cref="CheckpointConflictException">The run already has this step.</exception>
    ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The run's latest checkpoint (highest step), or <see langword="null"/> when the store has no such run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The latest checkpoint, or <see langword="null"/>.</returns>
    ValueTask<Checkpoint?> GetLatestAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>One step of a run, or <see langword="null"/> when it does not exist.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="step">The step.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checkpoint, or <see langword="null"/>.</returns>
    ValueTask<Checkpoint?> GetAsync(string runId, long step, CancellationToken cancellationToken = default);

    /// <summary>Every checkpoint of a run, in step order (empty for an unknown run).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The run's history.</returns>
    IAsyncEnumerable<Checkpoint> GetHistoryAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The ids of every run in the store, in ordinal order.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The run ids.</returns>
    IAsyncEnumerable<string> ListRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes every checkpoint of a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns><see langword="true"/> when the run existed.</returns>
    ValueTask<bool> DeleteAsync(string runId, CancellationToken cancellationToken = default);
}
