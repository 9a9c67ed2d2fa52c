using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using KayGraph.Generators.Tests.Stores;
using Microsoft.Extensions.Logging;
using Xunit;

namespace KayGraph.Generators.Tests.Running;

/// <summary>Generated graphs keep KayGraph's semantics: retries, fallback, error hooks, loops, actions, cancellation, batches, nesting.</summary>
public sealed class BehaviourTests : IClassFixture<BehaviourTests.Compiled>
{
    private readonly LoadedAssembly _assembly;

    public BehaviourTests(Compiled compiled)
    {
        _assembly = compiled.Assembly;
    }

    [Fact]
    public async Task Retries_rerun_exec_until_it_succeeds()
    {
        var journal = new Journal { FailuresBeforeSuccess = 2 };

        await LoadedAssembly.RunAsync(_assembly.Create("Behaviour.RetryGraph"), journal);

        Assert.Equal(3, journal.Attempts);
        Assert.Equal("ok", journal.Result);
    }

    [Fact]
    public async Task Fallback_runs_after_the_last_failed_attempt_with_its_error()
    {
        var journal = new Journal { FailuresBeforeSuccess = 10 };

        await LoadedAssembly.RunAsync(_assembly.Create("Behaviour.RetryGraph"), journal);

        Assert.Equal(3, journal.Attempts);
        Assert.Equal("fallback after attempt 3", journal.Result);
    }

    [Fact]
    public async Task Error_hook_returning_true_suppresses_the_error_and_takes_the_default_action()
    {
        var journal = new Journal { SuppressErrors = true };

        var last = await LoadedAssembly.RunAsync(_assembly.Create("Behaviour.GuardGraph"), journal);

        Assert.Null(last);
        Assert.Equal(new[] { "error: boom", "after" }, journal.Trace);
    }

    [Fact]
    public async Task Error_hook_returning_false_lets_the_error_propagate_with_its_type_reachable()
    {
        var journal = new Journal { SuppressErrors = false };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => LoadedAssembly.RunAsync(_assembly.Create("Behaviour.GuardGraph"), journal));

        var original = error as InvalidOperationException ?? Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("boom", original.Message);
        Assert.Equal(new[] { "error: boom" }, journal.Trace);
    }

    [Fact]
    public async Task Loop_runs_until_its_exit_action()
    {
        var journal = new Journal { Limit = 5 };

        var last = await LoadedAssembly.RunAsync(_assembly.Create("Behaviour.LoopGraph"), journal);

        Assert.Null(last);
        Assert.Equal(5, journal.Count);
        Assert.Equal(new[] { "finished at 5" }, journal.Trace);
    }

    [Fact]
    public async Task Undeclared_action_ends_the_graph_with_a_warning()
    {
        var journal = new Journal { Result = "mystery" };
        var logger = new ListLogger();
        var graph = _assembly.Create("Behaviour.ChoiceGraph");
        LoadedAssembly.SetOptions(graph, new RunOptions { Logger = logger });

        var last = await LoadedAssembly.RunAsync(graph, journal);

        Assert.Equal("mystery", last);
        Assert.Empty(journal.Trace);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("mystery", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undeclared_action_throws_in_strict_mode()
    {
        var journal = new Journal { Result = "mystery" };
        var graph = _assembly.Create("Behaviour.ChoiceGraph");
        LoadedAssembly.SetOptions(graph, new RunOptions { StrictActions = true });

        await Assert.ThrowsAsync<UnknownActionException>(() => LoadedAssembly.RunAsync(graph, journal));
        Assert.Empty(journal.Trace);
    }

    [Fact]
    public async Task Declared_action_is_followed_in_strict_mode()
    {
        var journal = new Journal { Result = "known" };
        var graph = _assembly.Create("Behaviour.ChoiceGraph");
        LoadedAssembly.SetOptions(graph, new RunOptions { StrictActions = true });

        await LoadedAssembly.RunAsync(graph, journal);

        Assert.Equal(new[] { "finished at 0" }, journal.Trace);
    }

    [Fact]
    public async Task Cancellation_during_a_phase_surfaces_as_OperationCanceledException()
    {
        var journal = new Journal();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LoadedAssembly.RunAsync(_assembly.Create("Behaviour.SlowGraph"), journal, cancellation.Token));
        Assert.Empty(journal.Trace);
    }

    [Fact]
    public async Task Cancelled_token_stops_the_graph_before_the_first_node()
    {
        var journal = new Journal { Limit = 3 };
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LoadedAssembly.RunAsync(_assembly.Create("Behaviour.LoopGraph"), journal, cancellation.Token));
        Assert.Equal(0, journal.Count);
    }

    [Theory]
    [InlineData("Behaviour.RunPerSet")]
    [InlineData("Behaviour.RunPerSetInParallel")]
    public async Task Batch_graph_runs_its_sub_graph_once_per_parameter_set(string graphName)
    {
        var journal = new Journal { Limit = 4 };

        var last = await LoadedAssembly.RunAsync(_assembly.Create(graphName), journal);

        Assert.Null(last);
        Assert.Equal(4, journal.Count);
        Assert.Equal(new[] { "run 0", "run 1", "run 2", "run 3" }, journal.Trace.OrderBy(t => t, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_graph_releases_the_disposable_nodes_it_created_and_only_those()
    {
        var log = (System.Collections.Generic.List<string>)_assembly.Type("Behaviour.DisposalLog").GetField("Events")!.GetValue(null)!;
        log.Clear();

        var graph = _assembly.Create("Behaviour.ResourceGraph");
        await LoadedAssembly.RunAsync(graph, new Journal());
        Assert.Empty(log);
        await ((IAsyncDisposable)graph).DisposeAsync();
        Assert.Equal(new[] { "SyncResource.Dispose", "AsyncResource.DisposeAsync" }, log);

        // Nodes passed in belong to the caller.
        log.Clear();
        var nodes = new[] { "Behaviour.SyncResource", "Behaviour.AsyncResource", "Behaviour.PlainStep" }.Select(n => _assembly.Create(n)).ToArray();
        await ((IAsyncDisposable)_assembly.Create("Behaviour.ResourceGraph", nodes)).DisposeAsync();
        Assert.Empty(log);

        // A nested graph created by its outer graph is released with it, and releases its own nodes.
        log.Clear();
        var outer = _assembly.Create("Behaviour.OuterResourceGraph");
        await ((IAsyncDisposable)outer).DisposeAsync();
        Assert.Equal(new[] { "SyncResource.Dispose", "AsyncResource.DisposeAsync" }, log);

        // A graph without disposable nodes is not disposable.
        Assert.False(typeof(IAsyncDisposable).IsAssignableFrom(_assembly.Type("Behaviour.RecordGraph")));
    }

    [Fact]
    public async Task Records_are_nodes_and_graphs_too()
    {
        var journal = new Journal();

        var last = await LoadedAssembly.RunAsync(_assembly.Create("Behaviour.RecordGraph"), journal);

        Assert.Equal("done", last);
        Assert.Equal(new[] { "record head", "record tail" }, journal.Trace);
    }

    [Fact]
    public async Task Phases_receive_the_node_context_and_the_token_as_trailing_parameters_in_either_order()
    {
        var journal = new Journal();
        using var cancellation = new CancellationTokenSource();

        await LoadedAssembly.RunAsync(_assembly.Create("Behaviour.ContextGraph"), journal, cancellation.Token);

        Assert.Equal(new[] { "ContextReader prep, token live", "exec attempt 1 of 2" }, journal.Trace);
    }

    [Fact]
    public async Task Nested_graph_runs_and_its_last_action_picks_the_next_node()
    {
        var journal = new Journal();

        var last = await LoadedAssembly.RunAsync(_assembly.Create("Behaviour.OuterGraph"), journal);

        Assert.Null(last);
        Assert.Equal(new[] { "intro", "step one", "step two", "outro" }, journal.Trace);
    }

    [Fact]
    public async Task Generated_graph_and_node_plug_into_a_runtime_AsyncGraph()
    {
        var journal = new Journal();
        var inner = NodeBase<Journal>.Wrap((INode<Journal>)_assembly.Create("Behaviour.InnerGraph"));
        var outro = NodeBase<Journal>.Wrap((INode<Journal>)_assembly.Create("Behaviour.Outro"));
        _ = inner - "finished" >> outro;
        var runtimeGraph = new AsyncGraph<Journal>(inner);

        await runtimeGraph.RunAsync(journal, CancellationToken.None);

        Assert.Equal(new[] { "step one", "step two", "outro" }, journal.Trace);
    }

    /// <summary>The behaviour graphs compiled once for the class.</summary>
    public sealed class Compiled : IDisposable
    {
        public LoadedAssembly Assembly { get; } = LoadedAssembly.Build(RunInputs.Behaviour);

        public void Dispose() => Assembly.Dispose();
    }
}
