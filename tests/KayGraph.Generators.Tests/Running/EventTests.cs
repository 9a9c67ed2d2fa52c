using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using KayGraph.Generators.Tests.Stores;
using Xunit;

namespace KayGraph.Generators.Tests.Running;

/// <summary>Run events of generated graphs: RunStreamingAsync, nested paths, retries, failures, durable checkpoints, and cancelling by breaking out.</summary>
public sealed class EventTests : IClassFixture<EventTests.Compiled>
{
    private readonly Compiled _compiled;

    public EventTests(Compiled compiled)
    {
        _compiled = compiled;
    }

    [Fact]
    public async Task A_run_reports_the_graph_and_each_node_in_order()
    {
        var events = await Collect(Stream(_compiled.Papercuts.Create("Papercuts.TriageFlow"), new Journal { Result = "escalate" }));

        Assert.Equal(
            new[] { "GraphStarted TriageFlow", "NodeStarted Triage", "NodeCompleted Triage escalate", "NodeStarted Escalate", "NodeCompleted Escalate ", "GraphCompleted TriageFlow " },
            events.Select(Describe));
        Assert.All(events.OfType<NodeCompleted>(), e => Assert.True(e.Duration >= TimeSpan.Zero));
    }

    [Fact]
    public async Task Node_paths_name_the_nested_graphs()
    {
        var events = await Collect(Stream(_compiled.Papercuts.Create("Papercuts.OuterFlow"), new Journal { Result = "done" }));

        Assert.Equal(
            new[] { "GraphStarted OuterFlow", "GraphStarted InnerTriage", "NodeStarted InnerTriage/Triage", "NodeCompleted InnerTriage/Triage done", "GraphCompleted InnerTriage done", "NodeStarted AfterTriage", "NodeCompleted AfterTriage ", "GraphCompleted OuterFlow " },
            events.Select(Describe));
    }

    [Fact]
    public async Task Retries_are_reported_with_their_attempt_and_error()
    {
        var events = await Collect(Stream(_compiled.Behaviour.Create("Behaviour.RetryGraph"), new Journal { FailuresBeforeSuccess = 2 }));

        var retries = events.OfType<NodeRetrying>().ToList();
        Assert.Equal(new[] { 1, 2 }, retries.Select(r => r.Attempt));
        Assert.All(retries, r => Assert.Equal("Flaky", r.NodePath));
        Assert.Equal("attempt 1", retries[0].Message);
        Assert.Equal(3, events.OfType<NodeCompleted>().Single().Attempts);
    }

    [Fact]
    public async Task A_failed_run_reports_GraphFailed_then_the_error_surfaces()
    {
        var seen = new List<GraphEvent>();

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var e in Stream(_compiled.Behaviour.Create("Behaviour.GuardGraph"), new Journal { SuppressErrors = false }))
            {
                seen.Add(e);
            }
        });

        Assert.Equal("boom", (error as InvalidOperationException ?? error.InnerException)!.Message);
        var failed = Assert.IsType<GraphFailed>(seen.Last());
        Assert.Equal("System.InvalidOperationException", failed.ErrorType);
    }

    [Fact]
    public async Task Breaking_out_of_the_loop_cancels_the_run_and_the_buffer_stays_bounded()
    {
        var journal = new Journal { Limit = int.MaxValue };
        var count = 0;

        await foreach (var e in Stream(_compiled.Behaviour.Create("Behaviour.LoopGraph"), journal))
        {
            if (++count == 10)
            {
                break;
            }
        }

        var reached = journal.Count;
        await Task.Delay(50);
        Assert.Equal(reached, journal.Count); // the run stopped: it no longer counts
        Assert.True(reached < 10 + RunEventsCapacity, $"the run went {reached} nodes ahead of a reader that read 10 events");
    }

    [Theory]
    [InlineData("Papercuts.SquareFlow", "Square", 3)]
    [InlineData("Papercuts.SquareInParallelFlow", "SquareInParallel", 4)]
    public async Task Batch_nodes_report_their_progress(string graph, string node, int total)
    {
        var events = await Collect(Stream(_compiled.Papercuts.Create(graph), new Journal()));

        var progress = events.OfType<BatchProgress>().ToList();
        Assert.Equal(Enumerable.Range(1, total), progress.Select(p => p.Done).OrderBy(d => d));
        Assert.All(progress, p => Assert.Equal((node, total), (p.NodePath, p.Total)));
        Assert.True(events.IndexOf(progress[^1]) < events.FindIndex(e => e is NodeCompleted), "progress comes before the node completes");
    }

    [Fact]
    public async Task A_durable_run_reports_its_checkpoints_and_its_suspension()
    {
        var store = new InMemoryCheckpointStore();
        var flow = _compiled.Durable.Create("Durable.ReviewFlow");
        var doc = Activator.CreateInstance(_compiled.Durable.Type("Durable.Doc"))!;
        var method = flow.GetType().GetMethod("StartStreamingAsync", new[] { typeof(string), doc.GetType(), typeof(ICheckpointStore), typeof(CancellationToken) })!;

        var events = await Collect((IAsyncEnumerable<GraphEvent>)method.Invoke(flow, new object[] { "doc-1", doc, store, CancellationToken.None })!);

        Assert.Equal(
            new[] { "CheckpointSaved 0 Running", "GraphStarted ReviewFlow", "NodeStarted Write", "NodeCompleted Write ", "CheckpointSaved 1 Running", "NodeStarted Review", "CheckpointSaved 2 Suspended", "RunSuspended Review" },
            events.Select(Describe));
    }

    private const int RunEventsCapacity = 1024; // RunEvents.Capacity

    private static IAsyncEnumerable<GraphEvent> Stream(object graph, object shared) =>
        (IAsyncEnumerable<GraphEvent>)graph.GetType().GetMethod("RunStreamingAsync")!.Invoke(graph, new[] { shared, CancellationToken.None })!;

    private static async Task<List<GraphEvent>> Collect(IAsyncEnumerable<GraphEvent> events)
    {
        var list = new List<GraphEvent>();
        await foreach (var e in events)
        {
            list.Add(e);
        }

        return list;
    }

    private static string Describe(GraphEvent e) => e switch
    {
        GraphStarted g => "GraphStarted " + g.GraphPath,
        GraphCompleted g => "GraphCompleted " + g.GraphPath + " " + g.Action,
        GraphFailed g => "GraphFailed " + g.GraphPath,
        NodeStarted n => "NodeStarted " + n.NodePath,
        NodeCompleted n => "NodeCompleted " + n.NodePath + " " + n.Action,
        NodeRetrying n => "NodeRetrying " + n.NodePath,
        CheckpointSaved c => "CheckpointSaved " + c.Step + " " + c.Status,
        RunSuspended s => "RunSuspended " + s.NodePath,
        _ => e.GetType().Name,
    };

    public sealed class Compiled : IDisposable
    {
        public LoadedAssembly Papercuts { get; } = LoadedAssembly.Build(PapercutInputs.Source);

        public LoadedAssembly Behaviour { get; } = LoadedAssembly.Build(RunInputs.Behaviour);

        public LoadedAssembly Durable { get; } = LoadedAssembly.Build(DurableInputs.Source);

        public void Dispose()
        {
            Papercuts.Dispose();
            Behaviour.Dispose();
            Durable.Dispose();
        }
    }
}
