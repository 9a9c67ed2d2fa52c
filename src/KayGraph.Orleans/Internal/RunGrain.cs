using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Storage;

namespace KayGraph.Orleans.Internal;

/// <summary>
/// The grain that owns one durable run. Its persisted state holds every checkpoint of the run. A run of a registered graph
/// executes here: <see cref="DurableRuntime"/> runs on the thread pool, so that a node's work (even a blocking one) never
/// holds the grain's turn, and every checkpoint it saves comes back to the grain's own scheduler to be appended to the state
/// and written. The grain is reentrant: reads, waits and event polls are answered while the run goes on, and the writes are
/// serialized by a gate. While the run is running the grain keeps a reminder: if its silo dies, the reminder activates the
/// grain on another silo, which resumes the run from its last checkpoint.
/// </summary>
[Reentrant]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213:Disposable fields should be disposed", Justification = "The gate lives as long as the activation.")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The gate lives as long as the activation; Orleans does not dispose grains.")]
internal sealed partial class RunGrain : Grain, IRunGrain, IRemindable
{
    internal const string ReminderName = "kaygraph-run";

    private readonly IPersistentState<RunGrainState> _state;
    private readonly GraphCatalog _catalog;
    private readonly RunHost _host;
    private readonly KayGraphOrleansOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ILocalSiloDetails _localSilo;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly object _eventsGate = new();
    private readonly List<RunEvent> _events = [];
    private long _sequence;
    private Execution? _execution;
    private bool _reminderRegistered;
    private bool _deactivating;
    private TaskScheduler _scheduler = TaskScheduler.Default;
    private string _scope = "";
    private string _runId = "";
    private string _silo = "";

    public RunGrain(
        [PersistentState("run", KayGraphSiloBuilderExtensions.StorageName)] IPersistentState<RunGrainState> state,
        GraphCatalog catalog,
        RunHost host,
        IOptions<KayGraphOrleansOptions> options,
        IServiceProvider services,
        ILoggerFactory loggers,
        ILocalSiloDetails localSilo)
    {
        _localSilo = localSilo;
        _state = state;
        _catalog = catalog;
        _host = host;
        _options = options.Value;
        _services = services;
        _loggers = loggers;
        _logger = loggers.CreateLogger("KayGraph.Orleans");
    }

    internal string RunId => _runId;

    private List<StoredCheckpoint> Checkpoints => _state.State.Checkpoints;

    internal StoredCheckpoint? Latest => Checkpoints.Count > 0 ? Checkpoints[^1] : null;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_scope, _runId) = RunKeys.Parse(this.GetPrimaryKeyString());
        _sequence = DateTimeOffset.UtcNow.Ticks; // event numbers keep increasing across activations
        _scheduler = TaskScheduler.Current;
        _silo = _localSilo.SiloAddress.ToString();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating = true;
        if (_execution is { } execution)
        {
            // The run stops at its last checkpoint; the reminder stays and resumes it in the next activation.
            await execution.CancelAsync().ConfigureAwait(true);
            var stopped = await Task.WhenAny(execution.Completion, Task.Delay(_options.StopTimeout, CancellationToken.None)).ConfigureAwait(true);
            if (stopped != execution.Completion)
            {
                execution.Abandoned = true;
                LogAbandoned(_logger, _runId, _options.StopTimeout);
            }

            LogDeactivated(_logger, _runId, _silo, reason.Description);
        }
    }

    // ---- the checkpoint store over grain state ----

    public Task<bool> AppendAsync(StoredCheckpoint checkpoint) => AppendCoreAsync(checkpoint, execution: null);

    [ReadOnly]
    public Task<StoredCheckpoint?> GetLatestAsync() => Task.FromResult(Latest);

    [ReadOnly]
    public Task<StoredCheckpoint?> GetStepAsync(long step)
    {
        var at = IndexOf(step);
        return Task.FromResult(at >= 0 ? Checkpoints[at] : null);
    }

    [ReadOnly]
    public Task<StoredCheckpoint[]> GetHistoryAsync() => Task.FromResult(Checkpoints.ToArray());

    public async Task<bool> DeleteAsync()
    {
        if (_execution is { } execution)
        {
            await execution.CancelAsync().ConfigureAwait(true);
            await Task.WhenAny(execution.Completion, Task.Delay(_options.StopTimeout, CancellationToken.None)).ConfigureAwait(true);
            execution.Abandoned = true;
        }

        await _writes.WaitAsync().ConfigureAwait(true);
        try
        {
            if (Checkpoints.Count == 0)
            {
                return false;
            }

            await _state.ClearStateAsync().ConfigureAwait(true);
            _state.State = new RunGrainState();
            await GrainFactory.GetGrain<IRunIndexGrain>(_scope).RemoveAsync(_runId).ConfigureAwait(true);
        }
        finally
        {
            _writes.Release();
        }

        await UnregisterReminderAsync().ConfigureAwait(true);
        return true;
    }

    internal async Task<bool> AppendCoreAsync(StoredCheckpoint checkpoint, Execution? execution)
    {
        await _writes.WaitAsync().ConfigureAwait(true);
        try
        {
            if (execution is not null && (execution.Abandoned || !ReferenceEquals(execution, _execution)))
            {
                return false; // a stretch that this grain gave up on: its late step must not land
            }

            var at = IndexOf(checkpoint.Step);
            if (at >= 0)
            {
                return false;
            }

            if (Checkpoints.Count == 0)
            {
                await GrainFactory.GetGrain<IRunIndexGrain>(_scope).AddAsync(_runId).ConfigureAwait(true);
            }

            Checkpoints.Insert(~at, checkpoint);
            try
            {
                await _state.WriteStateAsync().ConfigureAwait(true);
            }
            catch (InconsistentStateException error)
            {
                // Someone else wrote this run's state (another activation in a split brain): read the truth, lose the race.
                LogInconsistent(_logger, error, _runId);
                await _state.ReadStateAsync().ConfigureAwait(true);
                return false;
            }
            catch
            {
                Checkpoints.Remove(checkpoint);
                throw;
            }

            return true;
        }
        finally
        {
            _writes.Release();
        }
    }

    private int IndexOf(long step)
    {
        int low = 0, high = Checkpoints.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var value = Checkpoints[mid].Step;
            if (value == step)
            {
                return mid;
            }

            if (value < step)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }

    // ---- executing the run ----

    public Task<RunReply> StartAsync(string graph, string shared)
    {
        if (_catalog.Find(graph) is not { } runner)
        {
            return Task.FromResult(UnknownGraph(graph));
        }

        if (Checkpoints.Count > 0 || _execution is not null)
        {
            return Task.FromResult(new RunReply(RunOutcome.Exists, $"Run '{_runId}' exists already; start another id, or answer or inspect this one.", Snapshot()));
        }

        _state.State.Graph = graph; // persisted with step 0
        return LaunchAsync(runner, new RunCommand(RunCommandKind.Start, _runId, shared));
    }

    public async Task<RunReply> AnswerAsync(string graph, string answerType, string answer)
    {
        if (_execution is { } finishing && Latest is { Status: RunStatus.Suspended })
        {
            // The run has just suspended and its stretch is ending (its reminder being removed): let it end, then answer.
            await Task.WhenAny(finishing.Ended.Task, Task.Delay(_options.StopTimeout)).ConfigureAwait(true);
        }

        return await AnswerCoreAsync(graph, answerType, answer).ConfigureAwait(true);
    }

    /// <summary>Checks and claims synchronously (no await before <see cref="LaunchAsync"/> claims the run): of concurrent answers one wins.</summary>
    private Task<RunReply> AnswerCoreAsync(string graph, string answerType, string answer)
    {
        if (_catalog.Find(graph) is not { } runner)
        {
            return Task.FromResult(UnknownGraph(graph));
        }

        if (Latest is not { } latest || (_state.State.Graph is { } owner && owner != graph))
        {
            return Task.FromResult(NotFound(graph));
        }

        if (_execution is not null || latest.Status == RunStatus.Running)
        {
            return Task.FromResult(new RunReply(RunOutcome.NotWaiting, $"Run '{_runId}' is running: it waits for no answer now.", Snapshot()));
        }

        if (latest.Status != RunStatus.Suspended || latest.PendingAnswerType is not { } expected)
        {
            return Task.FromResult(new RunReply(RunOutcome.Finished, $"Run '{_runId}' is {latest.Status.ToString().ToLowerInvariant()}: it waits for no answer.", Snapshot()));
        }

        var node = string.Join("/", latest.PendingNodePath ?? []);
        if (!string.Equals(expected, answerType, StringComparison.Ordinal) || runner.FindType(expected) is not { } type)
        {
            return Task.FromResult(new RunReply(RunOutcome.WrongAnswerType, $"Run '{_runId}' waits at node '{node}', which expects an answer of type '{expected}', not '{answerType}'.", Snapshot()));
        }

        _state.State.Graph = graph;
        return LaunchAsync(runner, new RunCommand(RunCommandKind.Answer, _runId, answer, type));
    }

    public Task<RunReply> ResumeAsync(string graph)
    {
        if (_catalog.Find(graph) is not { } runner)
        {
            return Task.FromResult(UnknownGraph(graph));
        }

        if (Latest is not { } latest || (_state.State.Graph is { } owner && owner != graph))
        {
            return Task.FromResult(NotFound(graph));
        }

        if (_execution is not null)
        {
            return Task.FromResult(new RunReply(RunOutcome.Executing, $"Run '{_runId}' is executing on silo {_silo}.", Snapshot()));
        }

        if (latest.Status is RunStatus.Completed or RunStatus.Suspended)
        {
            return Task.FromResult(new RunReply(RunOutcome.Finished, $"Run '{_runId}' is {latest.Status.ToString().ToLowerInvariant()}: there is nothing to resume.", Snapshot()));
        }

        _state.State.Graph = graph;
        return LaunchAsync(runner, new RunCommand(RunCommandKind.Resume, _runId));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        _reminderRegistered = true;
        if (_execution is not null)
        {
            return; // executing here; the tick keeps the activation from being collected as idle
        }

        if (_state.State.Graph is not { } graph || Latest is not { Status: RunStatus.Running })
        {
            await UnregisterReminderAsync().ConfigureAwait(true);
            return;
        }

        if (_catalog.Find(graph) is not { } runner)
        {
            LogUnknownGraph(_logger, _runId, graph, _silo);
            return;
        }

        LogWoken(_logger, _runId, Latest.Step, _silo);
        await LaunchAsync(runner, new RunCommand(RunCommandKind.Resume, _runId)).ConfigureAwait(true);
    }

    [ReadOnly]
    public Task<RunSnapshot?> GetAsync() => Task.FromResult(Snapshot());

    [ReadOnly]
    public async Task<RunSnapshot?> WaitAsync(TimeSpan timeout)
    {
        if (_execution is { } execution)
        {
            await Task.WhenAny(execution.Ended.Task, Task.Delay(timeout)).ConfigureAwait(true);
        }

        return Snapshot();
    }

    [ReadOnly]
    public Task<RunEvent[]> GetEventsAsync(long afterSequence)
    {
        lock (_eventsGate)
        {
            return Task.FromResult(_events.Where(e => e.Sequence > afterSequence).ToArray());
        }
    }

    /// <summary>
    /// Claims the run for one stretch (synchronously, before any await: of two concurrent calls one wins), makes sure the
    /// reminder is registered, runs the stretch on the thread pool and answers once its first checkpoint is written (or the
    /// stretch ended before).
    /// </summary>
    private async Task<RunReply> LaunchAsync(GraphRunner runner, RunCommand command)
    {
        var execution = new Execution(_host.Stopping);
        _execution = execution;
        try
        {
            if (!_reminderRegistered)
            {
                await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod).ConfigureAwait(true);
                _reminderRegistered = true;
            }
        }
        catch
        {
            _execution = null;
            execution.Dispose();
            throw;
        }

        lock (_eventsGate)
        {
            _events.Clear();
        }

        var options = new RunOptions
        {
            Logger = _loggers.CreateLogger(runner.GraphType.FullName ?? runner.GraphType.Name),
            StrictActions = _options.StrictActions,
        };
        var store = new ActivationStore(this, execution);
        execution.Completion = Task.Run(() => RunExecution.ExecuteAsync(this, runner, command, store, options, execution), CancellationToken.None);
        _ = FinishAsync(execution);
        await execution.Started.Task.ConfigureAwait(true);
        if (command.Kind == RunCommandKind.Start && execution.Error is { } error && Checkpoints.Count == 0)
        {
            return error is CheckpointConflictException
                ? new RunReply(RunOutcome.Exists, $"Run '{_runId}' exists already.", null)
                : new RunReply(RunOutcome.NotStarted, $"Run '{_runId}' did not start: {error.Message}", null);
        }

        return new RunReply(RunOutcome.Accepted, null, Snapshot());
    }

    /// <summary>Back on the grain's scheduler after a stretch: releases the claim and drops the reminder unless the run still runs.</summary>
    private async Task FinishAsync(Execution execution)
    {
        await execution.Completion.ConfigureAwait(true);
        if (ReferenceEquals(_execution, execution))
        {
            _execution = null;
        }

        try
        {
            if (!_deactivating && !execution.Token.IsCancellationRequested && Latest is { Status: not RunStatus.Running })
            {
                await UnregisterReminderAsync().ConfigureAwait(true);
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogReminderError(_logger, error, _runId);
        }
        finally
        {
            execution.Ended.TrySetResult();
            execution.Dispose();
        }
    }

    private async Task UnregisterReminderAsync()
    {
        var reminder = await this.GetReminder(ReminderName).ConfigureAwait(true);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder).ConfigureAwait(true);
        }

        _reminderRegistered = false;
    }

    internal IServiceProvider Services => _services;

    internal void OnStopped() => LogStopped(_logger, _runId, _silo);

    internal void OnConflict(CheckpointConflictException error) => LogConflict(_logger, _runId, error.Step, _silo);

    internal void OnCrashed(Exception error) => LogCrashed(_logger, error, _runId, _silo);

    internal void Record(GraphEvent value, JsonSerializerOptions json)
    {
        var (kind, path, action, step, status, detail) = value switch
        {
            GraphStarted e => ("graphStarted", e.GraphPath, null, null, null, null),
            GraphCompleted e => ("graphCompleted", e.GraphPath, e.Action, null, null, null),
            GraphFailed e => ("graphFailed", e.GraphPath, null, null, null, e.ErrorType + ": " + e.Message),
            NodeStarted e => ("nodeStarted", e.NodePath, null, null, null, null),
            NodeRetrying e => ("nodeRetrying", e.NodePath, null, null, null, $"attempt {e.Attempt}: {e.ErrorType}: {e.Message}"),
            NodeCompleted e => ("nodeCompleted", e.NodePath, e.Action, null, null, null),
            BatchProgress e => ("batchProgress", e.NodePath, null, null, null, $"{e.Done}/{e.Total}"),
            CheckpointSaved e => ("checkpointSaved", null, null, e.Step, e.Status, null),
            RunSuspended e => ("runSuspended", e.NodePath, null, null, (RunStatus?)RunStatus.Suspended, Request(e.Request, json)),
            _ => (value.GetType().Name, (string?)null, (string?)null, (long?)null, (RunStatus?)null, (string?)null),
        };
        lock (_eventsGate)
        {
            _events.Add(new RunEvent(++_sequence, value.At, kind, path, action, step, status, detail, _silo));
            if (_events.Count > Math.Max(1, _options.EventLimit))
            {
                _events.RemoveAt(0);
            }
        }
    }

    private static string? Request(object? request, JsonSerializerOptions json)
    {
        if (request is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Serialize(request, json.GetTypeInfo(request.GetType()));
        }
        catch (Exception error) when (error is NotSupportedException or InvalidOperationException)
        {
            return request.ToString();
        }
    }

    private RunSnapshot? Snapshot()
    {
        if (Latest is not { } latest)
        {
            return null;
        }

        var checkpoint = latest.ToCheckpoint();
        var pending = checkpoint.Pending is { } p ? new RunQuestion(p.NodePath, p.RequestType, p.Request, p.AnswerType) : null;
        return new RunSnapshot(_runId, checkpoint.Graph, checkpoint.Status, checkpoint.Step, checkpoint.Position, checkpoint.LastAction, checkpoint.Shared, pending, checkpoint.Error?.Type, checkpoint.Error?.Message, _execution is not null, _silo, checkpoint.SavedAt);
    }

    private RunReply UnknownGraph(string graph) =>
        new(RunOutcome.UnknownGraph, $"Graph '{graph}' is not registered on silo {_silo}: add it with siloBuilder.AddKayGraph(b => b.AddGraph<{graph}>()).", null);

    private RunReply NotFound(string graph) => new(RunOutcome.NotFound, $"Graph '{graph}' has no run '{_runId}'.", null);

    internal Task<T> OnGrain<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, _scheduler).Unwrap();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Run '{RunId}' stopped at its last checkpoint on silo {Silo}; its reminder resumes it.")]
    private static partial void LogStopped(ILogger logger, string runId, string silo);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Run '{RunId}' lost step {Step} to another writer on silo {Silo}; this stretch stops.")]
    private static partial void LogConflict(ILogger logger, string runId, long step, string silo);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Run '{RunId}' stopped on an error outside its nodes on silo {Silo} (its storage or serialization); it stays at its last checkpoint and its reminder tries again.")]
    private static partial void LogCrashed(ILogger logger, Exception error, string runId, string silo);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Run '{RunId}' woken by its reminder at step {Step} on silo {Silo}.")]
    private static partial void LogWoken(ILogger logger, string runId, long step, string silo);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Run '{RunId}' of graph '{Graph}' cannot resume on silo {Silo}: the graph is not registered there.")]
    private static partial void LogUnknownGraph(ILogger logger, string runId, string graph, string silo);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Run '{RunId}' did not stop within {Timeout} of its cancellation; its late checkpoints will be refused.")]
    private static partial void LogAbandoned(ILogger logger, string runId, TimeSpan timeout);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Run '{RunId}' left silo {Silo} with its grain ({Reason}).")]
    private static partial void LogDeactivated(ILogger logger, string runId, string silo, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Run '{RunId}': its state was written elsewhere; re-read.")]
    private static partial void LogInconsistent(ILogger logger, Exception error, string runId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Run '{RunId}': its reminder could not be removed; its next tick tries again.")]
    private static partial void LogReminderError(ILogger logger, Exception error, string runId);

    /// <summary>One stretch of the run executing in this activation.</summary>
    internal sealed class Execution(CancellationToken stopping) : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);

        public CancellationToken Token => _cancellation.Token;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Completion { get; set; } = Task.CompletedTask;

        public Exception? Error { get; set; }

        public volatile bool Abandoned;

        public Task CancelAsync() => _cancellation.CancelAsync();

        public void Dispose() => _cancellation.Dispose();
    }
}

/// <summary>
/// The checkpoint store that the runtime sees while the grain executes a run: reads and writes of this one run's state,
/// each brought back onto the grain's scheduler.
/// </summary>
internal sealed class ActivationStore(RunGrain grain, RunGrain.Execution execution) : ICheckpointStore
{
    public async ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var stored = StoredCheckpoint.From(checkpoint);
        if (!await grain.OnGrain(() => grain.AppendCoreAsync(stored, execution)).ConfigureAwait(false))
        {
            throw new CheckpointConflictException(checkpoint.RunId, checkpoint.Step);
        }

        execution.Started.TrySetResult();
    }

    public async ValueTask<Checkpoint?> GetLatestAsync(string runId, CancellationToken cancellationToken = default) =>
        (await grain.OnGrain(() => Task.FromResult(Own(runId) ? grain.Latest : null)).ConfigureAwait(false))?.ToCheckpoint();

    public async ValueTask<Checkpoint?> GetAsync(string runId, long step, CancellationToken cancellationToken = default) =>
        (await grain.OnGrain(() => grain.GetStepAsync(step)).ConfigureAwait(false)) is { } found && Own(runId) ? found.ToCheckpoint() : null;

    public async IAsyncEnumerable<Checkpoint> GetHistoryAsync(string runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = Own(runId) ? await grain.OnGrain(() => grain.GetHistoryAsync()).ConfigureAwait(false) : [];
        foreach (var checkpoint in history)
        {
            yield return checkpoint.ToCheckpoint();
        }
    }

    public async IAsyncEnumerable<string> ListRunsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (await GetLatestAsync(grain.RunId, cancellationToken).ConfigureAwait(false) is not null)
        {
            yield return grain.RunId;
        }
    }

    public ValueTask<bool> DeleteAsync(string runId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("A run cannot delete itself while it executes; delete it through GrainCheckpointStore.");

    private bool Own(string runId) => string.Equals(runId, grain.RunId, StringComparison.Ordinal);
}

/// <summary>The part of a run grain that runs on the thread pool: one stretch of the run, its events recorded as they come.</summary>
internal static class RunExecution
{
    /// <summary>One stretch of the run, on the thread pool: the runtime's events are recorded as they come.</summary>
    public static async Task ExecuteAsync(RunGrain grain, GraphRunner runner, RunCommand command, ActivationStore store, RunOptions options, RunGrain.Execution execution)
    {
        try
        {
            await foreach (var value in runner.RunAsync(grain.Services, command, store, options, execution.Token).ConfigureAwait(false))
            {
                grain.Record(value, runner.Json);
            }
        }
        catch (OperationCanceledException) when (execution.Token.IsCancellationRequested)
        {
            grain.OnStopped();
        }
        catch (CheckpointConflictException error)
        {
            execution.Error = error;
            grain.OnConflict(error);
        }
        catch (Exception error)
        {
            execution.Error = error;
            grain.OnCrashed(error);
        }
        finally
        {
            execution.Started.TrySetResult();
        }
    }
}
