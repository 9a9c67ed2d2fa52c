using System;
using System.Threading.Tasks;
using Orleans;

namespace KayGraph.Orleans.Internal;

/// <summary>
/// One durable run, keyed <c>{scope}/{runId}</c>: it keeps the run's checkpoints in its persisted state and, for a run of a
/// registered graph, executes it.
/// </summary>
internal interface IRunGrain : IGrainWithStringKey
{
    Task<bool> AppendAsync(StoredCheckpoint checkpoint);

    Task<StoredCheckpoint?> GetLatestAsync();

    Task<StoredCheckpoint?> GetStepAsync(long step);

    Task<StoredCheckpoint[]> GetHistoryAsync();

    Task<bool> DeleteAsync();

    Task<RunReply> StartAsync(string graph, string shared);

    Task<RunReply> AnswerAsync(string graph, string answerType, string answer);

    Task<RunReply> ResumeAsync(string graph);

    Task<RunSnapshot?> GetAsync();

    Task<RunSnapshot?> WaitAsync(TimeSpan timeout);

    Task<RunEvent[]> GetEventsAsync(long afterSequence);
}

/// <summary>The run ids of one store scope, in ordinal order (for <see cref="GrainCheckpointStore.ListRunsAsync"/>).</summary>
internal interface IRunIndexGrain : IGrainWithStringKey
{
    Task AddAsync(string runId);

    Task RemoveAsync(string runId);

    Task<string[]> ListAsync();
}
