using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using Xunit;

namespace KayGraph.Generators.Tests.Running;

/// <summary>Generated durable graphs: start, suspend on an interrupt, resume with a typed answer, fail and resume, nested positions.</summary>
public sealed class DurableTests : IClassFixture<DurableTests.Compiled>
{
    private readonly LoadedAssembly _assembly;

    public DurableTests(Compiled compiled)
    {
        _assembly = compiled.Assembly;
    }

    [Fact]
    public async Task A_review_suspends_for_the_answer_and_a_typed_answer_resumes_it_to_the_end()
    {
        var store = new InMemoryCheckpointStore();
        var flow = _assembly.Create("Durable.ReviewFlow");

        var first = await StartAsync(flow, "doc-7", NewDoc(), store);

        Assert.Equal(RunStatus.Suspended, first.Status);
        Assert.Equal(new[] { "Review" }, first.Pending!.NodePath);
        Assert.Equal("draft 1", ((dynamic)first.Pending.Request!).Draft);
        Assert.Equal("Durable.Verdict", first.Pending.AnswerType.FullName);

        var done = await ResumeWithAsync(flow, "doc-7", Verdict(true), store);

        Assert.Equal(RunStatus.Completed, done.Status);
        Assert.Equal(new[] { "write", "approved draft 1", "publish" }, Trail(done.Shared));
        var history = await History(store, "doc-7");
        Assert.Equal(Enumerable.Range(0, history.Count).Select(i => (long)i), history.Select(c => c.Step));
        Assert.Equal(new[] { RunStatus.Running, RunStatus.Running, RunStatus.Suspended, RunStatus.Running, RunStatus.Completed }, history.Select(c => c.Status));
        Assert.Equal(new[] { "Write", "Review", "Review", "Publish", "" }, history.Select(c => string.Join("/", c.Position)));
        Assert.All(history, c => Assert.Equal(_assembly.Constant("Durable.ReviewFlow", "Fingerprint"), c.Fingerprint));
    }

    [Fact]
    public async Task A_loop_back_asks_again_and_a_completed_run_resumes_without_running()
    {
        var store = new InMemoryCheckpointStore();
        var flow = _assembly.Create("Durable.ReviewFlow");
        await StartAsync(flow, "loop", NewDoc(), store);

        var again = await ResumeWithAsync(flow, "loop", Verdict(false), store);
        Assert.Equal(RunStatus.Suspended, again.Status);
        Assert.Equal("draft 2", ((dynamic)again.Pending!.Request!).Draft);

        var done = await ResumeWithAsync(flow, "loop", Verdict(true), store);
        var steps = done.Step;
        var resumed = await ResumeAsync(flow, "loop", store);

        Assert.Equal(new[] { "write", "rejected draft 1", "write", "approved draft 2", "publish" }, Trail(resumed.Shared));
        Assert.Equal(RunStatus.Completed, resumed.Status);
        Assert.Equal(steps, resumed.Step);
        Assert.Equal(steps, (await store.GetLatestAsync("loop"))!.Step);
    }

    [Fact]
    public async Task Resuming_a_suspended_run_without_an_answer_leaves_it_suspended_and_an_answer_of_the_wrong_type_is_refused()
    {
        var store = new InMemoryCheckpointStore();
        var flow = _assembly.Create("Durable.ReviewFlow");
        await StartAsync(flow, "wait", NewDoc(), store);

        var still = await ResumeAsync(flow, "wait", store);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DurableRuntime.ResumeAsync<IDurableGraph<object>, object, string>(
            new WrongShared(), "wait", "yes", store, null, DurableJson.ReflectionOptions).AsTask());

        Assert.Equal(RunStatus.Suspended, still.Status);
        Assert.Equal("Review", still.Pending!.NodeId);
        Assert.Equal("Durable.ReviewRequest", still.Pending.Request!.GetType().FullName);
        Assert.Contains("'Review'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Durable.Verdict'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_run_keeps_its_last_good_store_and_resuming_runs_the_failed_node_again()
    {
        var store = new InMemoryCheckpointStore();
        var flow = _assembly.Create("Durable.ReviewFlow");
        var doc = NewDoc();
        doc.GetType().GetProperty("FailOnce")!.SetValue(doc, true);
        await StartAsync(flow, "jam", doc, store);

        var failed = await ResumeWithAsync(flow, "jam", Verdict(true), store);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal("System.InvalidOperationException", failed.Error!.Type);
        Assert.Equal("printer jammed", failed.Error.Message);
        Assert.Equal(new[] { "Publish" }, (await store.GetLatestAsync("jam"))!.Position);
        var again = await ResumeAsync(flow, "jam", store);
        Assert.Equal(RunStatus.Failed, again.Status);
        Assert.Equal(failed.Step + 1, again.Step);

        // The last good store still says FailOnce (Publish's post never saved); the node runs again and fails again,
        // then a fork from the same step with the flag cleared completes: each effect once.
        var latest = await store.GetLatestAsync("jam");
        Assert.Contains("\"FailOnce\":true", latest!.Shared, StringComparison.Ordinal);
        var repaired = latest.WithRunId("jam-repaired");
        await store.SaveAsync(new Checkpoint
        {
            RunId = repaired.RunId,
            Step = repaired.Step,
            Graph = repaired.Graph,
            Fingerprint = repaired.Fingerprint,
            Position = repaired.Position,
            LastAction = repaired.LastAction,
            Status = RunStatus.Running,
            Shared = repaired.Shared.Replace("\"FailOnce\":true", "\"FailOnce\":false", StringComparison.Ordinal),
        });
        var done = await ResumeAsync(flow, "jam-repaired", store);

        Assert.Equal(RunStatus.Completed, done.Status);
        Assert.Equal(new[] { "write", "approved draft 1", "publish" }, Trail(done.Shared));
    }

    [Fact]
    public async Task An_interrupt_in_a_nested_graph_suspends_the_outer_run_and_resumes_inside_the_nested_graph()
    {
        var store = new InMemoryCheckpointStore();
        var project = _assembly.Create("Durable.Project");

        var waiting = await StartAsync(project, "p1", NewDoc(), store);
        Assert.Equal(RunStatus.Suspended, waiting.Status);
        Assert.Equal(new[] { "Approval", "AskBudget" }, waiting.Pending!.NodePath);
        Assert.Equal("how much?", waiting.Pending.Request);

        var budget = Activator.CreateInstance(_assembly.Type("Durable.Budget"), 40)!;
        var review = await ResumeWithAsync(project, "p1", budget, store);

        Assert.Equal(RunStatus.Suspended, review.Status);
        Assert.Equal(new[] { "Review" }, review.Pending!.NodePath);
        Assert.Equal(new[] { "open", "plan", "budget 40", "write" }, Trail(review.Shared));   // Plan ran once: resumed at AskBudget
        var done = await ResumeWithAsync(project, "p1", Verdict(true), store);
        Assert.Equal(new[] { "open", "plan", "budget 40", "write", "approved draft 1", "publish" }, Trail(done.Shared));
    }

    [Fact]
    public async Task RunAsync_of_a_durable_graph_runs_in_memory_and_an_interrupt_there_says_it_needs_a_durable_run()
    {
        var flow = _assembly.Create("Durable.ReviewFlow");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => LoadedAssembly.RunAsync(flow, NewDoc()));

        var cause = error as InvalidOperationException ?? Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("needs a durable run", cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_a_run_id_twice_conflicts_and_an_unknown_run_is_named()
    {
        var store = new InMemoryCheckpointStore();
        var flow = _assembly.Create("Durable.ReviewFlow");
        await StartAsync(flow, "twice", NewDoc(), store);

        await Assert.ThrowsAsync<CheckpointConflictException>(() => StartAsync(flow, "twice", NewDoc(), store));
        var unknown = await Assert.ThrowsAsync<RunNotFoundException>(() => ResumeAsync(flow, "nobody", store));
        Assert.Contains("'nobody'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_of_another_version_resumes_while_its_position_exists_and_fails_naming_a_removed_node()
    {
        var store = new InMemoryCheckpointStore();
        var flow = _assembly.Create("Durable.ReviewFlow");
        await StartAsync(flow, "old", NewDoc(), store);
        var saved = (await store.GetLatestAsync("old"))!;
        Checkpoint Older(string runId, string node) => new()
        {
            RunId = runId,
            Step = 0,
            Graph = saved.Graph,
            Fingerprint = "0123456789abcdef",
            Position = new[] { node },
            Status = RunStatus.Running,
            Shared = saved.Shared,
        };
        await store.SaveAsync(Older("moved", "Publish"));
        await store.SaveAsync(Older("removed", "Proofread"));

        var resumed = await ResumeAsync(flow, "moved", store);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ResumeAsync(flow, "removed", store));

        Assert.Equal(RunStatus.Completed, resumed.Status);
        Assert.Contains("node 'Proofread'", error.Message, StringComparison.Ordinal);
        Assert.Contains("0123456789abcdef", error.Message, StringComparison.Ordinal);
        Assert.Contains(_assembly.Constant("Durable.ReviewFlow", "Fingerprint"), error.Message, StringComparison.Ordinal);
    }

    private object NewDoc() => Activator.CreateInstance(_assembly.Type("Durable.Doc"))!;

    private object Verdict(bool approved) => Activator.CreateInstance(_assembly.Type("Durable.Verdict"), approved, null)!;

    private static IEnumerable<string> Trail(object doc) => (List<string>)doc.GetType().GetProperty("Trail")!.GetValue(doc)!;

    private static async Task<List<Checkpoint>> History(ICheckpointStore store, string runId)
    {
        var list = new List<Checkpoint>();
        await foreach (var checkpoint in store.GetHistoryAsync(runId))
        {
            list.Add(checkpoint);
        }

        return list;
    }

    private static Task<Result> StartAsync(object graph, string runId, object shared, ICheckpointStore store) =>
        Invoke(graph, "StartAsync", new[] { typeof(string), shared.GetType(), typeof(ICheckpointStore), typeof(CancellationToken) }, runId, shared, store, CancellationToken.None);

    private static Task<Result> ResumeAsync(object graph, string runId, ICheckpointStore store) =>
        Invoke(graph, "ResumeAsync", new[] { typeof(string), typeof(ICheckpointStore), typeof(CancellationToken) }, runId, store, CancellationToken.None);

    private static Task<Result> ResumeWithAsync(object graph, string runId, object answer, ICheckpointStore store) =>
        Invoke(graph, "ResumeAsync", new[] { typeof(string), answer.GetType(), typeof(ICheckpointStore), typeof(CancellationToken) }, runId, answer, store, CancellationToken.None);

    /// <summary>Calls a generated durable method through reflection (the graph's types live in the test's compiled input).</summary>
    private static async Task<Result> Invoke(object graph, string name, Type[] parameters, params object[] arguments)
    {
        var method = graph.GetType().GetMethod(name, parameters) ?? throw new InvalidOperationException($"{graph.GetType()} has no {name}({string.Join(", ", parameters.Select(p => p.Name))}).");
        object pending;
        try
        {
            pending = method.Invoke(graph, arguments)!;
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }

        var task = (Task)pending.GetType().GetMethod("AsTask")!.Invoke(pending, null)!;
        await task;
        var result = task.GetType().GetProperty("Result")!.GetValue(task)!;
        T Get<T>(string property) => (T)result.GetType().GetProperty(property)!.GetValue(result)!;
        return new Result(Get<RunStatus>("Status"), Get<object>("Shared"), Get<long>("Step"), Get<PendingInterrupt?>("Pending"), Get<RunError?>("Error"));
    }

    private sealed record Result(RunStatus Status, object Shared, long Step, PendingInterrupt? Pending, RunError? Error);

    /// <summary>A stand-in graph for calling the runtime with an answer type no generated overload takes.</summary>
    private sealed class WrongShared : IDurableGraph<object>
    {
        public string GraphId => "ReviewFlow";

        public string Fingerprint => "";

        public System.Text.Json.JsonSerializerOptions? SerializerOptions => DurableJson.ReflectionOptions;

        public int NodeCount => 0;

        public string NodeId(int index) => throw new ArgumentOutOfRangeException(nameof(index));

        public IDurableGraph<object>? NestedGraph(int index) => null;

        public ValueTask<string?> RunNodeAsync(int index, object shared, NodeContext context) => throw new ArgumentOutOfRangeException(nameof(index));

        public int Next(int index, string? action, NodeContext context) => -1;

        public Type? FindType(string fullName) => null;
    }

    public sealed class Compiled : IDisposable
    {
        public LoadedAssembly Assembly { get; } = LoadedAssembly.Build(DurableInputs.Source);

        public void Dispose() => Assembly.Dispose();
    }
}
