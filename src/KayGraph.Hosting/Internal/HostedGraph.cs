using System;
using System.Collections.Generic;
using System.Net.ServerSentEvents;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph.Hosting.Internal;

/// <summary>One hosted durable graph, as the endpoints and the hosted service use it (the shared type is hidden inside).</summary>
internal abstract class HostedGraph
{
    /// <summary>The graph's id (as its checkpoints name it).</summary>
    public abstract string GraphId { get; }

    public abstract GraphRegistration Registration { get; }

    /// <summary>Creates one instance of the graph now, so that a node the services cannot create fails the host's start.</summary>
    public abstract void Initialize();

    /// <summary>Starts a run with the store in <paramref name="body"/>; returns once its first checkpoint is written.</summary>
    public abstract Task<RunCreatedResponse> StartAsync(string? runId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>The run's latest checkpoint; a <see cref="RunProblem"/> 404 when it has none.</summary>
    public abstract Task<RunStateResponse> GetAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The run's checkpoints in step order.</summary>
    public abstract Task<IReadOnlyList<RunStepResponse>> HistoryAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Answers the question a suspended run waits on and continues it in the background; returns once it goes on.</summary>
    public abstract Task AnswerAsync(string runId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>Runs a failed run's failed node again (or continues a running run no host executes) in the background.</summary>
    public abstract Task ResumeAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Checks that the run exists (404 otherwise) and returns its events: a status, the live ones, a status.</summary>
    public abstract Task<IAsyncEnumerable<SseItem<string>>> EventsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Resumes the runs whose latest checkpoint says they were running; returns how many.</summary>
    public abstract Task<int> ResumeInterruptedAsync(CancellationToken cancellationToken);

    /// <summary>Stops every executing run (each stays at its last checkpoint) and waits for them.</summary>
    public abstract Task StopAsync(CancellationToken cancellationToken);
}
