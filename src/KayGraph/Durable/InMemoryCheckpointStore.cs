using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// A checkpoint store in the process's memory: for tests, and for runs that must pause for a person but need not survive
/// the process. Thread-safe; writes are atomic per step.
/// </summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedList<long, Checkpoint>> _runs = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        if (checkpoint is null)
        {
            throw new ArgumentNullException(nameof(checkpoint));
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_runs.TryGetValue(checkpoint.RunId, out var steps))
            {
                steps = new SortedList<long, Checkpoint>();
                _runs.Add(checkpoint.RunId, steps);
            }

            if (steps.ContainsKey(checkpoint.Step))
            {
                throw new CheckpointConflictException(checkpoint.RunId, checkpoint.Step);
            }

            steps.Add(checkpoint.Step, checkpoint);
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask<Checkpoint?> GetLatestAsync(string runId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new(_runs.TryGetValue(runId, out var steps) && steps.Count > 0 ? steps.Values[steps.Count - 1] : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<Checkpoint?> GetAsync(string runId, long step, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new(_runs.TryGetValue(runId, out var steps) && steps.TryGetValue(step, out var checkpoint) ? checkpoint : null);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Checkpoint> GetHistoryAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Checkpoint[] history;
        lock (_gate)
        {
            history = _runs.TryGetValue(runId, out var steps) ? steps.Values.ToArray() : Array.Empty<Checkpoint>();
        }

        foreach (var checkpoint in history)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return checkpoint;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListRunsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string[] runs;
        lock (_gate)
        {
            runs = _runs.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        }

        foreach (var run in runs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return run;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string runId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new(_runs.Remove(runId));
        }
    }
}
