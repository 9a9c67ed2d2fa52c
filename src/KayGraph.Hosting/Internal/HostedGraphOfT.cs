using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.ServerSentEvents;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KayGraph.Hosting.Internal;

/// <summary>
/// Runs one durable graph in the background of the host: a new graph instance in a service scope of its own per run, the
/// run's events fanned out to the streams watching it, at most one execution per run id in this host at a time.
/// </summary>
internal sealed partial class HostedGraph<TGraph, TShared> : HostedGraph, IDisposable
    where TGraph : class, IDurableGraph<TShared>
{
    private const int MaxRunIdLength = 200;

    private readonly IServiceProvider _services;
    private readonly ICheckpointStore _store;
    private readonly KayGraphOptions _options;
    private readonly JsonSerializerOptions _web;
    private readonly ILogger _hostLogger;
    private readonly ILogger _runLogger;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim? _slots;
    private readonly ConcurrentDictionary<string, ActiveRun> _active = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, (RunHub Hub, DateTimeOffset EndedAt)> _recent = new(StringComparer.Ordinal);
    private readonly Lazy<Facts> _facts;
    private DateTimeOffset _lastPrune;
    private bool _disposed;

    public HostedGraph(GraphRegistration registration, IServiceProvider services)
    {
        Registration = registration;
        _services = services;
        _store = services.GetRequiredService<ICheckpointStore>();
        _options = services.GetRequiredService<IOptions<KayGraphOptions>>().Value;
        _web = services.GetService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        _hostLogger = loggers.CreateLogger("KayGraph.Hosting");
        _runLogger = loggers.CreateLogger(typeof(TGraph).FullName ?? typeof(TGraph).Name);
        _clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _slots = _options.MaxConcurrentRuns > 0 ? new SemaphoreSlim(_options.MaxConcurrentRuns, _options.MaxConcurrentRuns) : null;
        _facts = new Lazy<Facts>(Probe, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public override GraphRegistration Registration { get; }

    public override string GraphId => _facts.Value.GraphId;

    public override void Initialize() => _ = _facts.Value;

    public override async Task<RunCreatedResponse> StartAsync(string? runId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var facts = _facts.Value;
        runId = CheckRunId(runId);
        JsonBody.CheckSyntax(body, $"the shared store ('{typeof(TShared).Name}')");
        var (value, problem, path) = JsonBody.Read(body, typeof(TShared), facts.Strict);
        if (problem is not null)
        {
            throw new RunProblem(
                StatusCodes.Status400BadRequest,
                "Invalid shared store",
                $"The body is not a '{typeof(TShared).Name}' at '{path}': {problem}",
                new Dictionary<string, object?> { ["field"] = path, ["expectedType"] = typeof(TShared).FullName });
        }

        if (await _store.GetLatestAsync(runId, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw RunExists(runId);
        }

        var shared = (TShared)value!;
        try
        {
            await Launch(runId, (graph, options, json, token) => DurableRuntime.StartStreamingAsync<TGraph, TShared>(graph, runId, shared, _store, options, json, token))
                .Started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointConflictException)
        {
            throw RunExists(runId);
        }

        return new RunCreatedResponse(runId, Views.Status(RunStatus.Running));
    }

    public override async Task<RunStateResponse> GetAsync(string runId, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(runId, cancellationToken).ConfigureAwait(false);
        return Views.State(latest, _active.ContainsKey(runId));
    }

    public override async Task<IReadOnlyList<RunStepResponse>> HistoryAsync(string runId, CancellationToken cancellationToken)
    {
        var steps = new List<RunStepResponse>();
        await foreach (var checkpoint in _store.GetHistoryAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(checkpoint.Graph, GraphId, StringComparison.Ordinal))
            {
                break;
            }

            steps.Add(Views.Step(checkpoint));
        }

        return steps.Count == 0 ? throw RunProblem.NotFound(GraphId, runId) : steps;
    }

    public override async Task AnswerAsync(string runId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var facts = _facts.Value;
        JsonBody.CheckSyntax(body, "the answer");
        var latest = await LatestAsync(runId, cancellationToken).ConfigureAwait(false);
        if (latest.Status == RunStatus.Running)
        {
            throw RunProblem.Conflict(
                "Run is not waiting",
                _active.ContainsKey(runId)
                    ? $"Run '{runId}' is executing: it waits for no answer now."
                    : $"Run '{runId}' is running (it stopped with its host and goes on when a host resumes it): it waits for no answer.",
                runId,
                new Dictionary<string, object?> { ["runStatus"] = Views.Status(latest.Status) });
        }

        if (latest.Status != RunStatus.Suspended || latest.Pending is not { } pending)
        {
            throw RunProblem.Conflict(
                "Run is finished",
                $"Run '{runId}' is {Views.Status(latest.Status)}: it waits for no answer.",
                runId,
                new Dictionary<string, object?> { ["runStatus"] = Views.Status(latest.Status) });
        }

        var answerType = facts.Probe.FindType(pending.AnswerType)
            ?? throw RunProblem.Conflict(
                "Unknown answer type",
                $"Run '{runId}' waits at node '{pending.NodeId}' for a '{pending.AnswerType}', a type this version of graph '{GraphId}' no longer has.",
                runId);
        var (answer, problem, path) = JsonBody.Read(body, answerType, facts.Strict);
        if (problem is not null)
        {
            throw RunProblem.Conflict(
                "Wrong answer type",
                $"Run '{runId}' waits at node '{pending.NodeId}' for an answer of type '{answerType.FullName}'; the body is not one at '{path}': {problem}",
                runId,
                new Dictionary<string, object?> { ["node"] = pending.NodeId, ["expectedType"] = answerType.FullName, ["field"] = path });
        }

        if (_active.TryGetValue(runId, out var executing))
        {
            if (!executing.Suspended)
            {
                // Another answer to this question woke the run a moment ago: it is executing, not waiting.
                throw RunProblem.Conflict("Run is not waiting", $"Run '{runId}' was answered already: it is executing.", runId);
            }

            // The run has just suspended and its execution is ending (its last events are being sent): let it end.
            try
            {
                await executing.Completion.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw RunProblem.Conflict("Run is not waiting", $"Run '{runId}' has suspended but its execution has not ended yet (its scope is still being disposed); answer again.", runId);
            }
        }

        try
        {
            await Launch(runId, (graph, options, json, token) => DurableRuntime.AnswerStreamingAsync<TGraph, TShared>(graph, runId, answer!, answerType, _store, options, json, token))
                .Started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is CheckpointConflictException or InvalidOperationException)
        {
            // Another answer won the race: the run no longer waits for this one.
            throw RunProblem.Conflict("Run is not waiting", $"Run '{runId}' was answered already: {error.Message}", runId);
        }
    }

    public override async Task ResumeAsync(string runId, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(runId, cancellationToken).ConfigureAwait(false);
        if (latest.Status is RunStatus.Completed or RunStatus.Suspended || _active.ContainsKey(runId))
        {
            throw RunProblem.Conflict(
                "Run cannot be resumed",
                latest.Status switch
                {
                    RunStatus.Completed => $"Run '{runId}' is completed: there is nothing to resume.",
                    RunStatus.Suspended => $"Run '{runId}' waits for an answer: answer it to go on.",
                    _ => $"Run '{runId}' is executing.",
                },
                runId,
                new Dictionary<string, object?> { ["runStatus"] = Views.Status(latest.Status) });
        }

        try
        {
            await Launch(runId, (graph, options, json, token) => DurableRuntime.ResumeStreamingAsync<TGraph, TShared>(graph, runId, _store, options, json, token))
                .Started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointConflictException error)
        {
            throw RunProblem.Conflict("Run cannot be resumed", $"Run '{runId}' was resumed elsewhere: {error.Message}", runId);
        }
    }

    public override async Task<IAsyncEnumerable<SseItem<string>>> EventsAsync(string runId, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(runId, cancellationToken).ConfigureAwait(false);
        var hub = _active.TryGetValue(runId, out var run) ? run.Hub : Recent(runId);
        return Stream(runId, latest, hub, hub?.Subscribe(), cancellationToken);
    }

    public override async Task<int> ResumeInterruptedAsync(CancellationToken cancellationToken)
    {
        var resumed = 0;
        var ids = new List<string>();
        await foreach (var id in _store.ListRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(id);
        }

        foreach (var id in ids)
        {
            var latest = await _store.GetLatestAsync(id, cancellationToken).ConfigureAwait(false);
            if (latest is { Status: RunStatus.Running } && string.Equals(latest.Graph, GraphId, StringComparison.Ordinal) && !_active.ContainsKey(id))
            {
                try
                {
                    Launch(id, (graph, options, json, token) => DurableRuntime.ResumeStreamingAsync<TGraph, TShared>(graph, id, _store, options, json, token));
                    resumed++;
                }
                catch (RunProblem)
                {
                    // started meanwhile by a request
                }
            }
        }

        return resumed;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        var running = _active.Values.Select(r => r.Completion).ToArray();
        await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        _stopping.Dispose();
        _slots?.Dispose();
    }

    /// <summary>
    /// The events of the run's current stretch (or of the one that just ended), those so far and then live, and the run's
    /// status when the stretch is over; a run with neither gets its status alone.
    /// </summary>
    private async IAsyncEnumerable<SseItem<string>> Stream(string runId, Checkpoint latest, RunHub? hub, ChannelReader<SseItem<string>>? live, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (hub is null || live is null)
        {
            yield return EventFrames.Status(Views.State(latest, _active.ContainsKey(runId)), _web);
            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            while (await WaitAsync(live, stop.Token).ConfigureAwait(false))
            {
                while (live.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            hub.Unsubscribe(live);
        }

        if (stop.IsCancellationRequested)
        {
            yield break;
        }

        var last = await _store.GetLatestAsync(runId, cancellationToken).ConfigureAwait(false) ?? latest;
        yield return EventFrames.Status(Views.State(last, _active.ContainsKey(runId)), _web);
    }

    /// <summary>The events of the run's stretch that ended within <see cref="KayGraphOptions.EventRetention"/>, else <see langword="null"/>.</summary>
    private RunHub? Recent(string runId)
    {
        if (!_recent.TryGetValue(runId, out var recent))
        {
            return null;
        }

        if (_clock.GetUtcNow() - recent.EndedAt <= _options.EventRetention)
        {
            return recent.Hub;
        }

        _recent.TryRemove(new KeyValuePair<string, (RunHub, DateTimeOffset)>(runId, recent));
        return null;
    }

    /// <summary>Keeps the events of a stretch that ended, and forgets those kept for longer than the retention (at most once a second).</summary>
    private void Retain(string runId, RunHub hub)
    {
        var now = _clock.GetUtcNow();
        if (_options.EventRetention > TimeSpan.Zero)
        {
            _recent[runId] = (hub, now);
        }

        if (now - _lastPrune < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _lastPrune = now;
        foreach (var pair in _recent)
        {
            if (now - pair.Value.EndedAt > _options.EventRetention)
            {
                _recent.TryRemove(pair);
            }
        }
    }

    private static async ValueTask<bool> WaitAsync(ChannelReader<SseItem<string>> live, CancellationToken cancellationToken)
    {
        try
        {
            return await live.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false; // the client went away or the host stops: end the stream quietly
        }
    }

    /// <summary>Claims <paramref name="runId"/> in this host and executes <paramref name="run"/> in the background.</summary>
    private ActiveRun Launch(string runId, Func<TGraph, RunOptions, JsonSerializerOptions, CancellationToken, IAsyncEnumerable<GraphEvent>> run)
    {
        var active = new ActiveRun(new RunHub(_options.EventReplayLimit), CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        if (!_active.TryAdd(runId, active))
        {
            active.Dispose();
            throw RunProblem.Conflict("Run is executing", $"Run '{runId}' is executing in this host: it waits for no request now.", runId);
        }

        _recent.TryRemove(runId, out _);
        active.Completion = Task.Run(() => ExecuteAsync(runId, active, run), CancellationToken.None);
        return active;
    }

    private async Task ExecuteAsync(string runId, ActiveRun active, Func<TGraph, RunOptions, JsonSerializerOptions, CancellationToken, IAsyncEnumerable<GraphEvent>> run)
    {
        var token = active.Cancellation.Token;
        var facts = _facts.Value;
        try
        {
            if (_slots is not null)
            {
                await _slots.WaitAsync(token).ConfigureAwait(false);
            }

            try
            {
                var scope = _services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var graph = Create(scope.ServiceProvider);
                    var options = new RunOptions { Logger = _runLogger, TimeProvider = _clock, StrictActions = _options.StrictActions, Services = scope.ServiceProvider };
                    try
                    {
                        await foreach (var value in run(graph, options, facts.Json, token).ConfigureAwait(false))
                        {
                            active.Started.TrySetResult();
                            active.Suspended |= value is RunSuspended;
                            active.Hub.Publish(EventFrames.From(value, runId, facts.Json));
                        }

                        active.Started.TrySetResult();
                    }
                    finally
                    {
                        if (graph is IAsyncDisposable disposable)
                        {
                            await disposable.DisposeAsync().ConfigureAwait(false);
                        }
                    }
                }
            }
            finally
            {
                _slots?.Release();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            active.Started.TrySetCanceled(token);
            LogStopped(_hostLogger, runId, GraphId);
        }
        catch (Exception error)
        {
            active.Started.TrySetException(error);
            if (error is CheckpointConflictException or InvalidOperationException)
            {
                LogRefused(_hostLogger, runId, GraphId, error.Message);
            }
            else
            {
                LogCrashed(_hostLogger, error, runId, GraphId);
            }
        }
        finally
        {
            Retain(runId, active.Hub); // before it leaves the active runs: a stream connecting now finds one or the other
            _active.TryRemove(new KeyValuePair<string, ActiveRun>(runId, active));
            active.Hub.Complete();
            active.Dispose();
        }
    }

    private TGraph Create(IServiceProvider services)
    {
        try
        {
            return (TGraph)Registration.Constructor.Invoke(new object[] { services });
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(error.InnerException).Throw();
            throw;
        }
    }

    private Facts Probe()
    {
        using var scope = _services.CreateScope();
        var probe = Create(scope.ServiceProvider);
        var json = probe.SerializerOptions
            ?? throw new InvalidOperationException($"Graph '{typeof(TGraph).FullName}' is not durable: declare it with [Graph(..., Durable = true)].");
        return new Facts(probe.GraphId, probe, json, JsonBody.Strict(json));
    }

    private async Task<Checkpoint> LatestAsync(string runId, CancellationToken cancellationToken)
    {
        var latest = await _store.GetLatestAsync(runId, cancellationToken).ConfigureAwait(false);
        return latest is not null && string.Equals(latest.Graph, GraphId, StringComparison.Ordinal) ? latest : throw RunProblem.NotFound(GraphId, runId);
    }

    private static string CheckRunId(string? runId)
    {
        if (runId is null)
        {
            return Guid.NewGuid().ToString("N");
        }

        if (runId.Length == 0 || runId.Length > MaxRunIdLength || runId.Any(c => char.IsControl(c) || c == '/'))
        {
            throw new RunProblem(
                StatusCodes.Status400BadRequest,
                "Invalid run id",
                $"The run id must be 1 to {MaxRunIdLength} characters without '/' or control characters.",
                new Dictionary<string, object?> { ["field"] = "runId" });
        }

        return runId;
    }

    private static RunProblem RunExists(string runId) => RunProblem.Conflict("Run exists", $"Run '{runId}' exists already; start another id, or answer or inspect this one.", runId);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Run '{RunId}' of graph '{Graph}' stopped with the host; it stays at its last checkpoint and goes on when a host starts again.")]
    private static partial void LogStopped(ILogger logger, string runId, string graph);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Run '{RunId}' of graph '{Graph}' did not go on: {Reason}")]
    private static partial void LogRefused(ILogger logger, string runId, string graph, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Run '{RunId}' of graph '{Graph}' stopped on an error outside its nodes (its store or its serialization); it stays at its last checkpoint.")]
    private static partial void LogCrashed(ILogger logger, Exception error, string runId, string graph);

    /// <summary>What every run of the graph shares: read once off one instance.</summary>
    private sealed record Facts(string GraphId, TGraph Probe, JsonSerializerOptions Json, JsonSerializerOptions Strict);

    /// <summary>A run executing in this host.</summary>
    private sealed class ActiveRun(RunHub hub, CancellationTokenSource cancellation) : IDisposable
    {
        public RunHub Hub { get; } = hub;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        /// <summary>Set at the run's first event (its first checkpoint or its start), or to the error that stopped it before.</summary>
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Completion { get; set; } = Task.CompletedTask;

        /// <summary>Whether this stretch has suspended (its execution is only ending now); set by the run's own task.</summary>
        public bool Suspended
        {
            get => Volatile.Read(ref _suspended);
            set => Volatile.Write(ref _suspended, value);
        }

        private bool _suspended;

        public void Dispose() => Cancellation.Dispose();
    }
}
