using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Run events of the runtime-API graphs: the same events, from the same runtime code, as generated graphs report.</summary>
public sealed class RunEventTests
{
    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task A_dynamic_graph_reports_itself_and_its_nodes_in_order(NodeKind kind)
    {
        var journal = new Journal();
        var decide = Scripted.Step(kind, "decide", "deep");
        var graph = Scripted.Graph(kind, decide);
        _ = decide - "deep" >> Scripted.Step(kind, "deep", "deep-done");

        var events = new List<GraphEvent>();
        await foreach (var e in graph.RunStreamingAsync(journal))
        {
            events.Add(e);
        }

        Assert.Equal(new[] { "decide", "deep" }, journal.Events);
        Assert.IsType<GraphStarted>(events[0]);
        Assert.Equal(new[] { typeof(NodeStarted), typeof(NodeCompleted), typeof(NodeStarted), typeof(NodeCompleted) }, events.Skip(1).Take(4).Select(e => e.GetType()));
        Assert.Equal(new[] { "deep", "deep-done" }, events.OfType<NodeCompleted>().Select(e => e.Action));
        Assert.Equal("deep-done", Assert.IsType<GraphCompleted>(events[^1]).Action);
    }

    [Fact]
    public async Task A_run_nobody_observes_reports_nothing_and_runs_as_before()
    {
        var journal = new Journal();
        var graph = Scripted.Graph(NodeKind.Sync, Scripted.Step(NodeKind.Sync, "only", "done"));

        Assert.Equal("done", await graph.RunAsync(journal));
        Assert.Equal(new[] { "only" }, journal.Events);
    }
}
