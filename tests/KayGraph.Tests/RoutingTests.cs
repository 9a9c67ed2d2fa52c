using System.Threading;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Action routing: post's action picks the successor, <see langword="null"/> means <c>"default"</c>, and a graph returns the last action.</summary>
public sealed class RoutingTests
{
    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task PostsActionSelectsTheSuccessor(NodeKind kind)
    {
        var journal = new Journal();
        var decide = Scripted.Step(kind, "decide", "deep");
        var graph = Scripted.Graph(kind, decide);
        _ = decide - "deep" >> Scripted.Step(kind, "deep", "deep-done");
        _ = decide - "standard" >> Scripted.Step(kind, "standard", "standard-done");
        _ = decide >> Scripted.Step(kind, "fallthrough");

        var action = await graph.RunAsync(journal);

        Assert.Equal("deep-done", action);
        Assert.Equal(["decide", "deep"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync, null)]
    [InlineData(NodeKind.Sync, "default")]
    [InlineData(NodeKind.Async, null)]
    [InlineData(NodeKind.Async, "default")]
    public async Task NullActionMeansDefault(NodeKind kind, string? returned)
    {
        var journal = new Journal();
        var first = Scripted.Step(kind, "first", returned);
        var graph = Scripted.Graph(kind, first);
        _ = first >> Scripted.Step(kind, "second");
        _ = first - "other" >> Scripted.Step(kind, "other");

        var action = await graph.RunAsync(journal);

        Assert.Null(action);
        Assert.Equal(["first", "second"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task GraphReturnsTheLastActionWhenTheLastNodeHasNoSuccessors(NodeKind kind)
    {
        var logger = new RecordingLogger();
        var journal = new Journal();
        var first = Scripted.Step(kind, "first");
        var graph = Scripted.Graph(kind, first);
        _ = first >> Scripted.Step(kind, "last", "finished");

        var action = await graph.RunAsync(journal, new RunOptions { Logger = logger });

        Assert.Equal("finished", action);
        Assert.Equal(["first", "last"], journal.Events);
        Assert.Empty(logger.Entries);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task ActionsCanLoopBackUntilAnotherActionIsReturned(NodeKind kind)
    {
        var journal = new Journal();
        var visits = 0;
        var loop = Scripted.Node(kind, "loop", new NodeScript<int, int>
        {
            Exec = (_, _) => Interlocked.Increment(ref visits),
            Post = (shared, _, visit, _) =>
            {
                shared.Record($"visit {visit}");
                return visit < 3 ? "again" : "done";
            },
        });
        var graph = Scripted.Graph(kind, loop);
        _ = loop - "again" >> loop;
        _ = loop - "done" >> Scripted.Step(kind, "exit");

        await graph.RunAsync(journal);

        Assert.Equal(["visit 1", "visit 2", "visit 3", "exit"], journal.Events);
    }

    [Fact]
    public async Task AsyncGraphMixesSyncAndAsyncNodes()
    {
        var journal = new Journal();
        var start = Scripted.Step(NodeKind.Sync, "sync-1");
        var graph = new AsyncGraph<Journal>(start);
        var middle = start >> Scripted.Step(NodeKind.Async, "async-2", "branch");
        _ = middle - "branch" >> Scripted.Step(NodeKind.Sync, "sync-3", "end");

        var action = await graph.RunAsync(journal);

        Assert.Equal("end", action);
        Assert.Equal(["sync-1", "async-2", "sync-3"], journal.Events);
    }

    [Fact]
    public void SyncGraphRunsOnTheCallingThread()
    {
        var journal = new Journal();
        var start = Scripted.Step(NodeKind.Sync, "a");
        var graph = new Graph<Journal>(start);
        _ = start >> Scripted.Step(NodeKind.Sync, "b", "done");

        var action = graph.Run(journal);

        Assert.Equal("done", action);
        Assert.Equal(["a", "b"], journal.Events);
    }
}
