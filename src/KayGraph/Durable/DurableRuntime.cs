using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// The one implementation of durable runs: it drives an <see cref="IDurableGraph{TShared}"/> node by node and saves a
/// checkpoint after every node's post, resumes from the latest checkpoint, suspends on interrupts and records failures.
/// Generated <c>StartAsync</c>/<c>ResumeAsync</c> call it; not meant to be called by hand.
/// </summary>
/// <remarks>
/// Guarantees: the store's state is exactly-once (a node whose process died runs again from prep with the store as saved
/// before it); the effects of exec outside the store are at-least-once. A step is never recorded twice: a second writer of
/// a step gets <see cref="CheckpointConflictException"/>. A cancelled run stays at its last checkpoint.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DurableRuntime
{
    /// <summary>Starts run <paramref name="runId"/> at the graph's start with <paramref name="shared"/>.</summary>
    /// <typeparam name="TGraph">The graph's type.</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <param name="graph">The graph.</param>
    /// <param name="runId">The new run's id.</param>
    /// <param name="shared">The shared store.</param>
    /// <param name="store">Where the checkpoints go.</param>
    /// <param name="options">The run options (logger, clock, strict actions).</param>
    /// <param name="json">How the store, requests and answers are serialized (the graph's <c>Json</c> context, or <see cref="DurableJson.ReflectionOptions"/>).</param>
    /// <param name="cancellationToken">Cancels the run; it then stays at its last checkpoint.</param>
    /// <returns>The run's result: completed, suspended or failed.</returns>
    /// <exception cref="CheckpointConflictException">A run <paramref name="runId"/> exists already.</exception>
    public static ValueTask<RunResult<TShared>> StartAsync<TGraph, TShared>(TGraph graph, string runId, TShared shared, ICheckpointStore store, RunOptions? options, JsonSerializerOptions json, CancellationToken cancellationToken = default)
        where TGraph : IDurableGraph<TShared> =>
        StartCoreAsync(graph, runId, shared, store, options, json, events: null, cancellationToken);

    private static async ValueTask<RunResult<TShared>> StartCoreAsync<TGraph, TShared>(TGraph graph, string runId, TShared shared, ICheckpointStore store, RunOptions? options, JsonSerializerOptions json, RunEvents? events, CancellationToken cancellationToken)
        where TGraph : IDurableGraph<TShared>
    {
        Validate(graph, runId, store, json);
        cancellationToken.ThrowIfCancellationRequested();
        var text = Serialize(graph, json, shared);
        var first = new Checkpoint
        {
            RunId = runId,
            Step = 0,
            Graph = graph.GraphId,
            Fingerprint = graph.Fingerprint,
            Position = graph.NodeCount > 0 ? new[] { graph.NodeId(0) } : Array.Empty<string>(),
            Status = graph.NodeCount > 0 ? RunStatus.Running : RunStatus.Completed,
            Shared = text,
            SavedAt = (options ?? RunOptions.Default).TimeProvider.GetUtcNow(),
        };
        await SaveAsync(store, first, events, cancellationToken).ConfigureAwait(false);
        return await RunAsync(graph, json, first, shared, store, options, answer: null, hasAnswer: false, events, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues run <paramref name="runId"/> from its latest checkpoint (a suspended run stays suspended).</summary>
    /// <typeparam name="TGraph">The graph's type.</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <param name="graph">The graph.</param>
    /// <param name="runId">The run.</param>
    /// <param name="store">Where its checkpoints are.</param>
    /// <param name="options">The run options.</param>
    /// <param name="json">How the store, requests and answers are serialized.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's result.</returns>
    /// <exception cref="RunNotFoundException">The store has no run <paramref name="runId"/>.</exception>
    public static ValueTask<RunResult<TShared>> ResumeAsync<TGraph, TShared>(TGraph graph, string runId, ICheckpointStore store, RunOptions? options, JsonSerializerOptions json, CancellationToken cancellationToken = default)
        where TGraph : IDurableGraph<TShared> =>
        ResumeCoreAsync<TGraph, TShared>(graph, runId, store, options, json, events: null, cancellationToken);

    private static async ValueTask<RunResult<TShared>> ResumeCoreAsync<TGraph, TShared>(TGraph graph, string runId, ICheckpointStore store, RunOptions? options, JsonSerializerOptions json, RunEvents? events, CancellationToken cancellationToken)
        where TGraph : IDurableGraph<TShared>
    {
        Validate(graph, runId, store, json);
        var latest = await LatestAsync(store, runId, cancellationToken).ConfigureAwait(false);
        var shared = Deserialize<TShared>(json, latest.Shared);
        if (latest.Status is RunStatus.Completed or RunStatus.Suspended)
        {
            return Result(graph, json, latest, shared, error: latest.Error);
        }

        return await RunAsync(graph, json, latest, shared, store, options, answer: null, hasAnswer: false, events, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers the open question of suspended run <paramref name="runId"/> and continues it.</summary>
    /// <typeparam name="TGraph">The graph's type.</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <typeparam name="TAnswer">The answer's type.</typeparam>
    /// <param name="graph">The graph.</param>
    /// <param name="runId">The run.</param>
    /// <param name="answer">The answer; its type must be the one the asking node expects.</param>
    /// <param name="store">Where its checkpoints are.</param>
    /// <param name="options">The run options.</param>
    /// <param name="json">How the store, requests and answers are serialized.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's result.</returns>
    /// <exception cref="RunNotFoundException">The store has no run <paramref name="runId"/>.</exception>
    /// <exception cref="InvalidOperationException">The run is not suspended, or its node expects an answer of another type.</exception>
    public static ValueTask<RunResult<TShared>> ResumeAsync<TGraph, TShared, TAnswer>(TGraph graph, string runId, TAnswer answer, ICheckpointStore store, RunOptions? options, JsonSerializerOptions json, CancellationToken cancellationToken = default)
        where TGraph : IDurableGraph<TShared> =>
        ResumeCoreAsync<TGraph, TShared>(graph, runId, answer, typeof(TAnswer), store, options, json, events: null, cancellationToken);

    private static async ValueTask<RunResult<TShared>> ResumeCoreAsync<TGraph, TShared>(TGraph graph, string runId, object? answer, Type answerType, ICheckpointStore store, RunOptions? options, JsonSerializerOptions json, RunEvents? events, CancellationToken cancellationToken)
        where TGraph : IDurableGraph<TShared>
    {
        Validate(graph, runId, store, json);
        var latest = await LatestAsync(store, runId, cancellationToken).ConfigureAwait(false);
        if (latest.Status != RunStatus.Suspended || latest.Pending is not { } pending)
        {
            throw new InvalidOperationException($"Run '{runId}' is {latest.Status.ToString().ToLowerInvariant()}, not waiting for an answer.");
        }

        if (!string.Equals(pending.AnswerType, answerType.FullName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Run '{runId}' waits at node '{pending.NodeId}', which expects an answer of type '{pending.AnswerType}', not '{answerType.FullName}'.");
        }

        var shared = Deserialize<TShared>(json, latest.Shared);
        return await RunAsync(graph, json, latest, shared, store, options, answer, hasAnswer: true, events, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<RunResult<TShared>> RunAsync<TGraph, TShared>(TGraph graph, JsonSerializerOptions json, Checkpoint from, TShared shared, ICheckpointStore store, RunOptions? options, object? answer, bool hasAnswer, RunEvents? events, CancellationToken cancellationToken)
        where TGraph : IDurableGraph<TShared>
    {
        if (from.Status == RunStatus.Completed)
        {
            return Result(graph, json, from, shared, error: null);
        }

        var state = new DurableRunState();
        if (hasAnswer)
        {
            state.Answer(from.Position, answer);
        }

        CheckPosition<TShared>(graph, from);
        var context = new NodeContext(options, null, cancellationToken) { Durable = state, Events = events };
        if (events is not null)
        {
            await events.WriteAsync(new GraphStarted(graph.GraphId), cancellationToken).ConfigureAwait(false);
        }

        var run = new Run<TShared>(store, from, graph.GraphId, graph.Fingerprint, context.Options.TimeProvider);
        try
        {
            var last = await RunLevelAsync(graph, json, shared, context, state, run, Array.Empty<string>(), from.Position, cancellationToken).ConfigureAwait(false);
            var done = run.Next(Array.Empty<string>(), last, RunStatus.Completed, Serialize(graph, json, shared));
            await SaveAsync(store, done, events, cancellationToken).ConfigureAwait(false);
            if (events is not null)
            {
                await events.WriteAsync(new GraphCompleted(graph.GraphId, last), cancellationToken).ConfigureAwait(false);
            }

            return Result(graph, json, done, shared, error: null);
        }
        catch (RunSuspendedException suspended)
        {
            var pending = new PendingQuestion(suspended.NodePath, suspended.RequestType.FullName ?? suspended.RequestType.Name, SerializeValue(graph, json, suspended.Request, suspended.RequestType), suspended.AnswerType.FullName ?? suspended.AnswerType.Name);
            var checkpoint = run.Next(suspended.NodePath, run.Last.LastAction, RunStatus.Suspended, run.Last.Shared, pending);
            await SaveAsync(store, checkpoint, events, CancellationToken.None).ConfigureAwait(false);
            if (events is not null)
            {
                await events.WriteAsync(new RunSuspended(checkpoint.RunId, pending.NodeId, suspended.Request), CancellationToken.None).ConfigureAwait(false);
            }

            return new RunResult<TShared>(checkpoint.RunId, RunStatus.Suspended, checkpoint.LastAction, Deserialize<TShared>(json, checkpoint.Shared), checkpoint.Step, new PendingInterrupt(suspended.NodePath, suspended.Request, suspended.AnswerType));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the run stays at its last checkpoint
        }
        catch (CheckpointConflictException)
        {
            throw; // another writer owns the run now
        }
        catch (Exception failure)
        {
            var original = failure is NodeExecutionException { InnerException: { } inner } ? inner : failure;
            var error = new RunError(original.GetType().FullName ?? original.GetType().Name, original.Message) { Exception = failure };
            var checkpoint = run.Next(state.CurrentPath, run.Last.LastAction, RunStatus.Failed, run.Last.Shared, pending: null, error);
            await SaveAsync(store, checkpoint, events, CancellationToken.None).ConfigureAwait(false);
            if (events is not null)
            {
                await events.WriteAsync(new GraphFailed(graph.GraphId, error.Type, error.Message), CancellationToken.None).ConfigureAwait(false);
            }

            return new RunResult<TShared>(checkpoint.RunId, RunStatus.Failed, checkpoint.LastAction, Deserialize<TShared>(json, checkpoint.Shared), checkpoint.Step, error: error);
        }
    }

    /// <summary>
    /// Runs one graph level from the node named by <paramref name="position"/> (the start when empty) until it ends, saving a
    /// checkpoint after each node; a nested graph runs its own level with its id prefixed to the positions it saves.
    /// </summary>
    private static async ValueTask<string?> RunLevelAsync<TShared>(IDurableGraph<TShared> graph, JsonSerializerOptions json, TShared shared, NodeContext context, DurableRunState state, Run<TShared> run, string[] prefix, IReadOnlyList<string> position, CancellationToken cancellationToken)
    {
        var index = 0;
        IReadOnlyList<string> inner = Array.Empty<string>();
        if (position.Count > 0)
        {
            index = IndexOf(graph, position[0]); // checked before the run starts (CheckPosition)
            inner = position.Skip(1).ToArray();
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = graph.NodeId(index);
            var path = prefix.Concat(new[] { id }).ToArray();
            string? action;
            if (graph.NestedGraph(index) is { } nested)
            {
                action = await RunLevelAsync(nested, json, shared, context, state, run, path, inner, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                state.Enter(path);
                context.EventPrefix = prefix.Length == 0 ? string.Empty : string.Join("/", prefix) + "/";
                action = await graph.RunNodeAsync(index, shared, context).ConfigureAwait(false);
            }

            inner = Array.Empty<string>();
            var next = graph.Next(index, action, context);
            if (next < 0)
            {
                return action;
            }

            index = next;
            var checkpoint = run.Next(prefix.Concat(new[] { graph.NodeId(next) }).ToArray(), action, RunStatus.Running, SerializeValue(graph, json, shared, typeof(TShared)));
            await SaveAsync(run.Store, checkpoint, context.Events, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>As <see cref="StartAsync{TGraph, TShared}"/>, yielding the run's events as they happen (checkpoints included); breaking out cancels the run.</summary>
    /// <typeparam name="TGraph">The graph's type.</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <param name="graph">The graph.</param>
    /// <param name="runId">The new run's id.</param>
    /// <param name="shared">The shared store.</param>
    /// <param name="store">Where the checkpoints go.</param>
    /// <param name="options">The run options.</param>
    /// <param name="json">How the store, requests and answers are serialized.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's events.</returns>
    public static IAsyncEnumerable<GraphEvent> StartStreamingAsync<TGraph, TShared>(TGraph graph, string runId, TShared shared, ICheckpointStore store, RunOptions? options, JsonSerializerOptions json, CancellationToken cancellationToken = default)
        where TGraph : IDurableGraph<TShared> =>
        RunEvents.StreamAsync(options, (events, token) => StartCoreAsync<TGraph, TShared>(graph, runId, shared, store, options, json, events, token).AsTask(), cancellationToken);

    /// <summary>As <see cref="ResumeAsync{TGraph, TShared}"/>, yielding the run's events as they happen.</summary>
    /// <typeparam name="TGraph">The graph's type.</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <param name="graph">The graph.</param>
    /// <param name="runId">The run.</param>
    /// <param name="store">Where its checkpoints are.</param>
    /// <param name="options">The run options.</param>
    /// <param name="json">How the store, requests and answers are serialized.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's events.</returns>
    public static IAsyncEnumerable<GraphEvent> ResumeStreamingAsync<TGraph, TShared>(TGraph graph, string runId, ICheckpointStore store, RunOptions? options, JsonSerializerOptions json, CancellationToken cancellationToken = default)
        where TGraph : IDurableGraph<TShared> =>
        RunEvents.StreamAsync(options, (events, token) => ResumeCoreAsync<TGraph, TShared>(graph, runId, store, options, json, events, token).AsTask(), cancellationToken);

    /// <summary>As <see cref="ResumeAsync{TGraph, TShared, TAnswer}"/>, yielding the run's events as they happen.</summary>
    /// <typeparam name="TGraph">The graph's type.</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <typeparam name="TAnswer">The answer's type.</typeparam>
    /// <param name="graph">The graph.</param>
    /// <param name="runId">The run.</param>
    /// <param name="answer">The answer to the pending interrupt.</param>
    /// <param name="store">Where its checkpoints are.</param>
    /// <param name="options">The run options.</param>
    /// <param name="json">How the store, requests and answers are serialized.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's events.</returns>
    public static IAsyncEnumerable<GraphEvent> ResumeStreamingAsync<TGraph, TShared, TAnswer>(TGraph graph, string runId, TAnswer answer, ICheckpointStore store, RunOptions? options, JsonSerializerOptions json, CancellationToken cancellationToken = default)
        where TGraph : IDurableGraph<TShared> =>
        RunEvents.StreamAsync(options, (events, token) => ResumeCoreAsync<TGraph, TShared>(graph, runId, answer, typeof(TAnswer), store, options, json, events, token).AsTask(), cancellationToken);

    /// <summary>
    /// As <see cref="ResumeStreamingAsync{TGraph, TShared, TAnswer}"/> for an answer whose type is known only at run time (a
    /// host that read it from a request, as the type the pending question names through <see cref="IDurableGraph{TShared}.FindType"/>).
    /// </summary>
    /// <typeparam name="TGraph">The graph's type.</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <param name="graph">The graph.</param>
    /// <param name="runId">The run.</param>
    /// <param name="answer">The answer to the pending interrupt, an instance of <paramref name="answerType"/>.</param>
    /// <param name="answerType">The answer's type: the one the asking node expects.</param>
    /// <param name="store">Where its checkpoints are.</param>
    /// <param name="options">The run options.</param>
    /// <param name="json">How the store, requests and answers are serialized.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's events.</returns>
    /// <exception cref="ArgumentException"><paramref name="answer"/> is not an instance of <paramref name="answerType"/>.</exception>
    public static IAsyncEnumerable<GraphEvent> AnswerStreamingAsync<TGraph, TShared>(TGraph graph, string runId, object answer, Type answerType, ICheckpointStore store, RunOptions? options, JsonSerializerOptions json, CancellationToken cancellationToken = default)
        where TGraph : IDurableGraph<TShared>
    {
        if (answerType is null)
        {
            throw new ArgumentNullException(nameof(answerType));
        }

        if (!answerType.IsInstanceOfType(answer))
        {
            throw new ArgumentException($"The answer to run '{runId}' must be a '{answerType.FullName}', not '{answer?.GetType().FullName ?? "null"}'.", nameof(answer));
        }

        return RunEvents.StreamAsync(options, (events, token) => ResumeCoreAsync<TGraph, TShared>(graph, runId, answer, answerType, store, options, json, events, token).AsTask(), cancellationToken);
    }

    private static async ValueTask SaveAsync(ICheckpointStore store, Checkpoint checkpoint, RunEvents? events, CancellationToken cancellationToken)
    {
        await store.SaveAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        if (events is not null)
        {
            await events.WriteAsync(new CheckpointSaved(checkpoint.RunId, checkpoint.Step, checkpoint.Status), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A checkpoint of another version of the graph resumes while its position still exists; otherwise the resume fails,
    /// naming the missing node and both fingerprints, before anything runs.
    /// </summary>
    private static void CheckPosition<TShared>(IDurableGraph<TShared> root, Checkpoint checkpoint)
    {
        IDurableGraph<TShared>? graph = root;
        for (var depth = 0; depth < checkpoint.Position.Count; depth++)
        {
            var id = checkpoint.Position[depth];
            var index = graph is null ? -1 : IndexOf(graph, id);
            if (graph is null || index < 0)
            {
                throw new InvalidOperationException(
                    $"Run '{checkpoint.RunId}' cannot resume: its position '{string.Join("/", checkpoint.Position)}' names node '{id}', which graph '{graph?.GraphId ?? root.GraphId}' no longer has (checkpoint fingerprint {checkpoint.Fingerprint}, graph {root.Fingerprint}).");
            }

            graph = depth + 1 < checkpoint.Position.Count ? graph.NestedGraph(index) : graph;
        }
    }

    private static int IndexOf<TShared>(IDurableGraph<TShared> graph, string nodeId)
    {
        for (var i = 0; i < graph.NodeCount; i++)
        {
            if (string.Equals(graph.NodeId(i), nodeId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static async ValueTask<Checkpoint> LatestAsync(ICheckpointStore store, string runId, CancellationToken cancellationToken) =>
        await store.GetLatestAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw new RunNotFoundException(runId);

    private static RunResult<TShared> Result<TGraph, TShared>(TGraph graph, JsonSerializerOptions json, Checkpoint checkpoint, TShared shared, RunError? error)
        where TGraph : IDurableGraph<TShared>
    {
        PendingInterrupt? pending = null;
        if (checkpoint.Pending is { } question)
        {
            var requestType = graph.FindType(question.RequestType);
            var answerType = graph.FindType(question.AnswerType) ?? typeof(object);
            var request = requestType is null ? (object?)question.Request : JsonSerializer.Deserialize(question.Request, json.GetTypeInfo(requestType));
            pending = new PendingInterrupt(question.NodePath, request, answerType);
        }

        return new RunResult<TShared>(checkpoint.RunId, checkpoint.Status, checkpoint.LastAction, shared, checkpoint.Step, pending, error);
    }

    private static string Serialize<TShared>(IDurableGraph<TShared> graph, JsonSerializerOptions json, TShared shared) => SerializeValue(graph, json, shared, typeof(TShared));

    private static string SerializeValue<TShared>(IDurableGraph<TShared> graph, JsonSerializerOptions json, object? value, Type type)
    {
        try
        {
            return JsonSerializer.Serialize(value, json.GetTypeInfo(type));
        }
        catch (Exception error) when (error is NotSupportedException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Graph '{graph.GraphId}' cannot serialize its '{type.FullName}' with System.Text.Json: {error.Message}", error);
        }
    }

    private static TShared Deserialize<TShared>(JsonSerializerOptions json, string text) =>
        (TShared)JsonSerializer.Deserialize(text, json.GetTypeInfo(typeof(TShared)))!;

    private static void Validate<TGraph>(TGraph graph, string runId, ICheckpointStore store, JsonSerializerOptions json)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        if (string.IsNullOrEmpty(runId))
        {
            throw new ArgumentException("A durable run needs an id.", nameof(runId));
        }

        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }
    }

    /// <summary>The checkpoints of one run as it goes: the last one written and how to write the next.</summary>
    private sealed class Run<TShared>(ICheckpointStore store, Checkpoint last, string graphId, string fingerprint, TimeProvider clock)
    {
        public ICheckpointStore Store { get; } = store;

        public Checkpoint Last { get; private set; } = last;

        public string RunId => Last.RunId;

        public Checkpoint Next(IReadOnlyList<string> position, string? action, RunStatus status, string shared, PendingQuestion? pending = null, RunError? error = null)
        {
            Last = new Checkpoint
            {
                RunId = Last.RunId,
                Step = Last.Step + 1,
                Graph = graphId,
                Fingerprint = fingerprint,
                Position = position,
                LastAction = action,
                Status = status,
                Shared = shared,
                Pending = pending,
                Error = error is null ? null : error with { Exception = null },
                SavedAt = clock.GetUtcNow(),
            };
            return Last;
        }
    }
}
