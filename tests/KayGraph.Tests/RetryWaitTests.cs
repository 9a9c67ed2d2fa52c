using System;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Waits between attempts run on the run's <see cref="TimeProvider"/>: they happen, last the full wait, and need time to advance.</summary>
public sealed class RetryWaitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task WaitsTheFullWaitOnTheFakeClockBetweenAttempts(NodeKind kind)
    {
        var clock = new RecordingTimeProvider();
        var journal = new Journal();
        var attempts = 0;
        var node = Scripted.Node(kind, "waiting", new NodeScript<string, string>
        {
            Exec = (_, context) =>
            {
                Interlocked.Increment(ref attempts);
                return context.Attempt < 2 ? throw new InvalidOperationException("again") : "ok";
            },
            Post = (shared, _, exec, _) =>
            {
                shared.Record(exec);
                return null;
            },
        }, maxRetries: 3, wait: Wait);

        var run = node.RunAsync(journal, new RunOptions { TimeProvider = clock }).AsTask();

        await Eventually.True(() => clock.TimersCreated == 1, "the first wait is registered");
        Assert.Equal(Wait, clock.LastDueTime);
        Assert.Equal(1, Volatile.Read(ref attempts));
        Assert.False(run.IsCompleted);

        clock.Advance(Wait - TimeSpan.FromTicks(1));
        Assert.Equal(0, clock.TimersFired);
        Assert.Equal(1, Volatile.Read(ref attempts));

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, clock.TimersFired);
        await Eventually.True(() => clock.TimersCreated == 2, "the second wait is registered");
        Assert.Equal(2, Volatile.Read(ref attempts));
        Assert.False(run.IsCompleted);

        clock.Advance(Wait);
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, attempts);
        Assert.Equal(2, clock.TimersFired);
        Assert.Equal(["ok"], journal.Events);
    }

    [Fact]
    public async Task SyncNodeInASyncGraphWaitsOnTheGraphsClock()
    {
        var clock = new RecordingTimeProvider();
        var journal = new Journal();
        var node = Scripted.Node(NodeKind.Sync, "waiting", new NodeScript<string, string>
        {
            Exec = (_, context) => context.Attempt == 0 ? throw new InvalidOperationException("again") : "ok",
            Post = (shared, _, exec, _) =>
            {
                shared.Record(exec);
                return null;
            },
        }, maxRetries: 2, wait: Wait);
        var graph = new Graph<Journal>(node) { Options = new RunOptions { TimeProvider = clock } };

        var run = graph.RunAsync(journal).AsTask();

        Assert.False(run.IsCompleted);
        Assert.Equal(1, clock.TimersCreated);
        clock.Advance(Wait);
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["ok"], journal.Events);
    }

    [Fact]
    public void BlockingRunOfASyncGraphWaitsOnTheSystemClockAndRetries()
    {
        var journal = new Journal();
        var node = Scripted.Node(NodeKind.Sync, "short-wait", new NodeScript<string, string>
        {
            Exec = (_, context) => context.Attempt == 0 ? throw new InvalidOperationException("again") : $"ok on attempt {context.Attempt}",
            Post = (shared, _, exec, _) =>
            {
                shared.Record(exec);
                return "done";
            },
        }, maxRetries: 2, wait: TimeSpan.FromMilliseconds(1));
        var graph = new Graph<Journal>(node);

        var action = graph.Run(journal);

        Assert.Equal("done", action);
        Assert.Equal(["ok on attempt 1"], journal.Events);
    }

    [Fact]
    public async Task NoWaitIsRegisteredWhenTheWaitIsZero()
    {
        var clock = new RecordingTimeProvider();
        var node = Scripted.Node(NodeKind.Sync, "no-wait", new NodeScript<string, string>
        {
            Exec = (_, context) => context.Attempt < 2 ? throw new InvalidOperationException("again") : "ok",
        }, maxRetries: 3);

        var run = node.RunAsync(new Journal(), new RunOptions { TimeProvider = clock });

        Assert.True(run.IsCompletedSuccessfully);
        await run;
        Assert.Equal(0, clock.TimersCreated);
    }

    [Fact]
    public async Task NoWaitFollowsTheLastAttempt()
    {
        var clock = new RecordingTimeProvider();
        var node = Scripted.Node(NodeKind.Sync, "gives-up", new NodeScript<string, string>
        {
            Exec = (_, _) => throw new InvalidOperationException("always"),
            Fallback = (_, _, _) => "fallback",
        }, maxRetries: 2, wait: Wait);

        var run = node.RunAsync(new Journal(), new RunOptions { TimeProvider = clock }).AsTask();
        clock.Advance(Wait);
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, clock.TimersCreated);
    }
}
