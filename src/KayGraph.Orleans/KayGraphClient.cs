using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Orleans.Internal;
using Orleans;

namespace KayGraph.Orleans;

/// <summary>
/// Starts, answers, reads and lists the durable runs that a cluster executes. Each run is a grain keyed by its run id; the
/// shared store and the answers travel as JSON written with the graph's own System.Text.Json options (its <c>Json</c>
/// context, or the reflection defaults), so the client needs the graph registered (<c>AddKayGraph(b =&gt; b.AddGraph&lt;T&gt;())</c>
/// on the client or silo builder) but none of its node services at run time. Registered as a singleton by both builders.
/// </summary>
public sealed class KayGraphClient
{
    private readonly IGrainFactory _grains;
    private readonly GraphCatalog _catalog;

    internal KayGraphClient(IGrainFactory grains, GraphCatalog catalog)
    {
        _grains = grains;
        _catalog = catalog;
        Store = new GrainCheckpointStore(grains);
    }

    /// <summary>The checkpoints of the cluster's runs: history, fork and delete.</summary>
    public GrainCheckpointStore Store { get; }

    /// <summary>
    /// Starts run <paramref name="runId"/> of <typeparamref name="TGraph"/> with <paramref name="shared"/> in its grain, and
    /// returns once its first checkpoint is written; the run goes on in the cluster.
    /// </summary>
    /// <typeparam name="TGraph">The durable graph.</typeparam>
    /// <typeparam name="TShared">Its shared store's type.</typeparam>
    /// <param name="runId">The new run's id.</param>
    /// <param name="shared">The shared store.</param>
    /// <param name="cancellationToken">Stops waiting (the run may still start).</param>
    /// <returns>The run as its grain reports it.</returns>
    /// <exception cref="CheckpointConflictException">A run <paramref name="runId"/> exists already.</exception>
    public async Task<RunSnapshot<TShared>> StartAsync<TGraph, TShared>(string runId, TShared shared, CancellationToken cancellationToken = default)
        where TGraph : class, IDurableGraph<TShared>
    {
        CheckRunId(runId);
        var graph = _catalog.Get(typeof(TGraph));
        var json = JsonSerializer.Serialize(shared, graph.Json.GetTypeInfo(typeof(TShared)));
        var reply = await Run(runId).StartAsync(graph.GraphId, json).WaitAsync(cancellationToken).ConfigureAwait(false);
        return Typed<TShared>(graph, Check(reply, runId));
    }

    /// <summary>Answers the open question of suspended run <paramref name="runId"/>; the run goes on in the cluster.</summary>
    /// <typeparam name="TGraph">The durable graph.</typeparam>
    /// <typeparam name="TAnswer">The answer's type: the one the asking node expects.</typeparam>
    /// <param name="runId">The run.</param>
    /// <param name="answer">The answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The run as its grain reports it after the answer's first checkpoint.</returns>
    /// <exception cref="RunNotFoundException">The graph has no such run.</exception>
    /// <exception cref="InvalidOperationException">The run does not wait for an answer, or waits for one of another type.</exception>
    public async Task<RunSnapshot> AnswerAsync<TGraph, TAnswer>(string runId, TAnswer answer, CancellationToken cancellationToken = default)
        where TGraph : class
    {
        CheckRunId(runId);
        var graph = _catalog.Get(typeof(TGraph));
        var json = JsonSerializer.Serialize(answer, graph.Json.GetTypeInfo(typeof(TAnswer)));
        var reply = await Run(runId).AnswerAsync(graph.GraphId, typeof(TAnswer).FullName ?? typeof(TAnswer).Name, json).WaitAsync(cancellationToken).ConfigureAwait(false);
        return Check(reply, runId);
    }

    /// <summary>Resumes a failed run (its failed node runs again), or a running run that no silo executes now.</summary>
    /// <typeparam name="TGraph">The durable graph.</typeparam>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The run as its grain reports it.</returns>
    /// <exception cref="RunNotFoundException">The graph has no such run.</exception>
    /// <exception cref="InvalidOperationException">The run is completed, suspended or executing.</exception>
    public async Task<RunSnapshot> ResumeAsync<TGraph>(string runId, CancellationToken cancellationToken = default)
        where TGraph : class
    {
        CheckRunId(runId);
        var graph = _catalog.Get(typeof(TGraph));
        return Check(await Run(runId).ResumeAsync(graph.GraphId).WaitAsync(cancellationToken).ConfigureAwait(false), runId);
    }

    /// <summary>Run <paramref name="runId"/> as its grain reports it, or <see langword="null"/> when there is no such run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The run, its payloads as JSON.</returns>
    public Task<RunSnapshot?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        CheckRunId(runId);
        return Run(runId).GetAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Run <paramref name="runId"/> of <typeparamref name="TGraph"/> with its store and question read as the graph's types.</summary>
    /// <typeparam name="TGraph">The durable graph.</typeparam>
    /// <typeparam name="TShared">Its shared store's type.</typeparam>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The run, or <see langword="null"/> when there is no such run.</returns>
    public async Task<RunSnapshot<TShared>?> GetAsync<TGraph, TShared>(string runId, CancellationToken cancellationToken = default)
        where TGraph : class, IDurableGraph<TShared>
    {
        var graph = _catalog.Get(typeof(TGraph));
        return await GetAsync(runId, cancellationToken).ConfigureAwait(false) is { } snapshot ? Typed<TShared>(graph, snapshot) : null;
    }

    /// <summary>
    /// Waits until run <paramref name="runId"/> is no longer running: completed, suspended or failed. A run whose silo died
    /// waits for its reminder to wake it on another silo; calls that meet the dead silo are retried.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The run as it stands then.</returns>
    /// <exception cref="RunNotFoundException">There is no such run.</exception>
    public async Task<RunSnapshot> WaitAsync(string runId, CancellationToken cancellationToken = default)
    {
        CheckRunId(runId);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RunSnapshot? snapshot;
            try
            {
                snapshot = await Run(runId).WaitAsync(TimeSpan.FromSeconds(5)).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException && !cancellationToken.IsCancellationRequested && error is global::Orleans.Runtime.OrleansException or TimeoutException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
                continue; // the run's silo is going away; its grain comes back elsewhere
            }

            if (snapshot is null)
            {
                throw new RunNotFoundException(runId);
            }

            if (snapshot.Status != RunStatus.Running)
            {
                return snapshot;
            }

            if (!snapshot.Executing)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The events of run <paramref name="runId"/>'s current or last stretch with a sequence number above <paramref name="afterSequence"/>, in order.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="afterSequence">The last sequence number seen (0 for all the grain keeps).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The events; empty when the grain has none newer (events are kept in the grain's memory, not in its state).</returns>
    public async Task<IReadOnlyList<RunEvent>> GetEventsAsync(string runId, long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        CheckRunId(runId);
        return await Run(runId).GetEventsAsync(afterSequence).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The events of run <paramref name="runId"/> as they come, polled every <paramref name="pollInterval"/> (default 100 ms),
    /// until the run completes, suspends or fails.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="pollInterval">How often the grain is asked.</param>
    /// <param name="cancellationToken">Stops watching.</param>
    /// <returns>The events.</returns>
    public async IAsyncEnumerable<RunEvent> WatchAsync(string runId, TimeSpan? pollInterval = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CheckRunId(runId);
        var interval = pollInterval ?? TimeSpan.FromMilliseconds(100);
        long last = 0;
        while (true)
        {
            var snapshot = await GetAsync(runId, cancellationToken).ConfigureAwait(false);
            foreach (var value in await GetEventsAsync(runId, last, cancellationToken).ConfigureAwait(false))
            {
                last = value.Sequence;
                yield return value;
            }

            if (snapshot is null || (snapshot.Status != RunStatus.Running && !snapshot.Executing))
            {
                yield break;
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The ids of every run the cluster keeps, in ordinal order.</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The run ids.</returns>
    public IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken = default) => Store.ListRunsAsync(cancellationToken);

    private IRunGrain Run(string runId) => _grains.GetGrain<IRunGrain>(RunKeys.Key(GrainCheckpointStore.DefaultScope, runId));

    private static void CheckRunId(string runId)
    {
        if (string.IsNullOrEmpty(runId))
        {
            throw new ArgumentException("A durable run needs an id.", nameof(runId));
        }
    }

    private static RunSnapshot Check(RunReply reply, string runId) => reply.Outcome switch
    {
        RunOutcome.Accepted when reply.Run is { } run => run,
        RunOutcome.Exists => throw new CheckpointConflictException(runId, reply.Run?.Step ?? 0),
        RunOutcome.NotFound => throw new RunNotFoundException(runId),
        _ => throw new InvalidOperationException(reply.Message ?? $"Run '{runId}' refused the call ({reply.Outcome})."),
    };

    private static RunSnapshot<TShared> Typed<TShared>(GraphRunner graph, RunSnapshot snapshot)
    {
        var shared = (TShared)JsonSerializer.Deserialize(snapshot.Shared, graph.Json.GetTypeInfo(typeof(TShared)))!;
        PendingInterrupt? pending = null;
        if (snapshot.Pending is { } question)
        {
            var requestType = graph.FindType(question.RequestType);
            var request = requestType is null ? (object?)question.Request : JsonSerializer.Deserialize(question.Request, graph.Json.GetTypeInfo(requestType));
            pending = new PendingInterrupt(question.NodePath, request, graph.FindType(question.AnswerType) ?? typeof(object));
        }

        return new RunSnapshot<TShared>(snapshot, shared, pending);
    }
}
