using System;
using System.Threading.Tasks;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace KayGraph.Orleans.Internal;

/// <summary>The run ids of one store scope in ordinal order, persisted in the KayGraph storage provider.</summary>
internal sealed class RunIndexGrain([PersistentState("index", KayGraphSiloBuilderExtensions.StorageName)] IPersistentState<RunIndexState> state) : Grain, IRunIndexGrain
{
    public async Task AddAsync(string runId)
    {
        var ids = state.State.RunIds;
        var at = ids.BinarySearch(runId, StringComparer.Ordinal);
        if (at >= 0)
        {
            return;
        }

        ids.Insert(~at, runId);
        try
        {
            await state.WriteStateAsync().ConfigureAwait(true);
        }
        catch
        {
            ids.Remove(runId);
            throw;
        }
    }

    public async Task RemoveAsync(string runId)
    {
        var ids = state.State.RunIds;
        var at = ids.BinarySearch(runId, StringComparer.Ordinal);
        if (at < 0)
        {
            return;
        }

        ids.RemoveAt(at);
        try
        {
            await state.WriteStateAsync().ConfigureAwait(true);
        }
        catch
        {
            ids.Insert(at, runId);
            throw;
        }
    }

    [ReadOnly]
    public Task<string[]> ListAsync() => Task.FromResult(state.State.RunIds.ToArray());
}
