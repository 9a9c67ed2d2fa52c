using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Orleans.Internal;
using Orleans;

namespace KayGraph.Orleans;

/// <summary>
/// An <see cref="ICheckpointStore"/> over Orleans grain storage: each run's checkpoints are the persisted state of its run
/// grain (keyed <c>{scope}/{runId}</c>, in the storage provider named <see cref="KayGraphSiloBuilderExtensions.StorageName"/>),
/// and a small index grain per scope keeps the run ids in ordinal order for <see cref="ListRunsAsync"/>. Each write is one
/// grain call that appends the step and writes the grain's state; a step that exists is refused. Runs executed by the
/// cluster (<see cref="KayGraphClient"/>) live in the scope <see cref="DefaultScope"/>, so this store reads their history,
/// forks and deletes them.
/// </summary>
public sealed class GrainCheckpointStore : ICheckpointStore
{
    /// <summary>The scope of the runs that the cluster executes.</summary>
    public const string DefaultScope = "runs";

    private readonly IGrainFactory _grains;

    /// <summary>Creates a store on the cluster that <paramref name="grains"/> reaches.</summary>
    /// <param name="grains">A grain factory: a client's (<c>IClusterClient</c>) or a silo's.</param>
    /// <param name="scope">The store's scope: a name without <c>/</c>; stores of different scopes share nothing.</param>
    public GrainCheckpointStore(IGrainFactory grains, string scope = DefaultScope)
    {
        _grains = grains ?? throw new ArgumentNullException(nameof(grains));
        Scope = RunKeys.CheckScope(scope);
    }

    /// <summary>The store's scope.</summary>
    public string Scope { get; }

    /// <inheritdoc />
    public async ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();
        if (!await Run(checkpoint.RunId).AppendAsync(StoredCheckpoint.From(checkpoint)).WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new CheckpointConflictException(checkpoint.RunId, checkpoint.Step);
        }
    }

    /// <inheritdoc />
    public async ValueTask<Checkpoint?> GetLatestAsync(string runId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return (await Run(runId).GetLatestAsync().WaitAsync(cancellationToken).ConfigureAwait(false))?.ToCheckpoint();
    }

    /// <inheritdoc />
    public async ValueTask<Checkpoint?> GetAsync(string runId, long step, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return (await Run(runId).GetStepAsync(step).WaitAsync(cancellationToken).ConfigureAwait(false))?.ToCheckpoint();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Checkpoint> GetHistoryAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var checkpoint in await Run(runId).GetHistoryAsync().WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return checkpoint.ToCheckpoint();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListRunsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var runId in await _grains.GetGrain<IRunIndexGrain>(Scope).ListAsync().WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return runId;
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string runId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await Run(runId).DeleteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private IRunGrain Run(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return _grains.GetGrain<IRunGrain>(RunKeys.Key(Scope, runId));
    }
}
