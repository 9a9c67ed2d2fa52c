using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>
/// Cancellation: the token reaches every phase and wait, is checked between phases and nodes, surfaces as
/// <see cref="OperationCanceledException"/> (never wrapped) and is never retried, nor handed to the fallback or the error hook.
/// </summary>
public sealed class CancellationTests
{
    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task TheRunsTokenReachesEveryPhase(NodeKind kind)
    {
        using var cts = new CancellationTokenSource();
        var seen = new List<bool>();
        void See(NodeContext context)
        {
            lock (seen)
            {
                seen.Add(context.CancellationToken == cts.Token);
            }
        }

        var node = Scripted.Node(kind, "sees-token", new NodeScript<string, string>
        {
            BeforePrep = (_, context) => See(context),
            Prep = (_, context) =>
            {
                See(context);
                return "p";
            },
            Exec = (_, context) =>
            {
                See(context);
                return "e";
            },
            AfterExec = (_, _, _, context) => See(context),
            Post = (_, _, _, context) =>
            {
                See(context);
                return null;
            },
        });

        await node.RunAsync(new Journal(), cts.Token);

        Assert.Equal([true, true, true, true, true], seen);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task CancellationInsideExecIsNotRetriedNotWrappedAndNotHandled(NodeKind kind)
    {
        using var cts = new CancellationTokenSource();
        var journal = new Journal();
        var node = Scripted.Node(kind, "canceled", new NodeScript<string, string>
        {
            Exec = (_, context) =>
            {
                journal.Record($"exec#{context.Attempt}");
                cts.Cancel();
                context.CancellationToken.ThrowIfCancellationRequested();
                return "unreachable";
            },
            Fallback = (_, _, _) =>
            {
                journal.Record("fallback");
                return "fallback";
            },
            OnError = (shared, _, _) =>
            {
                shared.Record("on_error");
                return true;
            },
        }, maxRetries: 3);
        var graph = Scripted.Graph(kind, node);
        _ = node >> Scripted.Step(kind, "next");

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await graph.RunAsync(journal, cts.Token));

        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.Equal(["exec#0"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task CancellationDuringARetryWaitEndsTheRun(NodeKind kind)
    {
        using var cts = new CancellationTokenSource();
        var clock = new RecordingTimeProvider();
        var attempts = 0;
        var node = Scripted.Node(kind, "waiting", new NodeScript<string, string>
        {
            Exec = (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("retry after a wait");
            },
            Fallback = (_, _, _) => "fallback must not run",
        }, maxRetries: 3, wait: TimeSpan.FromMinutes(1));

        var run = node.RunAsync(new Journal(), new RunOptions { TimeProvider = clock }, cts.Token).AsTask();
        await Eventually.True(() => clock.TimersCreated == 1, "the retry wait has started");
        Assert.False(run.IsCompleted);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, Volatile.Read(ref attempts));
        Assert.Equal(0, clock.TimersFired);
    }

    [Theory]
    [InlineData(NodeKind.Sync, "before_prep")]
    [InlineData(NodeKind.Sync, "prep")]
    [InlineData(NodeKind.Sync, "exec")]
    [InlineData(NodeKind.Sync, "after_exec")]
    [InlineData(NodeKind.Async, "before_prep")]
    [InlineData(NodeKind.Async, "prep")]
    [InlineData(NodeKind.Async, "exec")]
    [InlineData(NodeKind.Async, "after_exec")]
    public async Task CancellationAfterAnyPhaseStopsBeforeTheNextOneUnwrapped(NodeKind kind, string cancellingPhase)
    {
        using var cts = new CancellationTokenSource();
        var journal = new Journal();
        void Run(string phase)
        {
            journal.Record(phase);
            if (phase == cancellingPhase)
            {
                cts.Cancel();
            }
        }

        var node = Scripted.Node(kind, "cancels-" + cancellingPhase, NodeScripts.EveryPhase(Run));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await node.RunAsync(journal, cts.Token));

        string[] order = ["before_prep", "prep", "exec", "after_exec"];
        Assert.Equal(order[..(Array.IndexOf(order, cancellingPhase) + 1)], journal.Events);
        Assert.Equal(cts.Token, error.CancellationToken);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task CancellationIsCheckedBetweenPhases(NodeKind kind)
    {
        using var cts = new CancellationTokenSource();
        var journal = new Journal();
        var node = Scripted.Node(kind, "prep-cancels", new NodeScript<string, string>
        {
            Prep = (shared, _) =>
            {
                shared.Record("prep");
                cts.Cancel();
                return "p";
            },
            Exec = (_, _) =>
            {
                journal.Record("exec");
                return "e";
            },
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await node.RunAsync(journal, cts.Token));

        Assert.Equal(["prep"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task CancellationIsCheckedBetweenNodes(NodeKind kind)
    {
        using var cts = new CancellationTokenSource();
        var journal = new Journal();
        var first = Scripted.Node(kind, "first", new NodeScript<string, string>
        {
            Exec = (_, _) => "e",
            Post = (shared, _, _, _) =>
            {
                shared.Record("first");
                cts.Cancel();
                return null;
            },
        });
        var graph = Scripted.Graph(kind, first);
        _ = first >> Scripted.Step(kind, "second");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await graph.RunAsync(journal, cts.Token));

        Assert.Equal(["first"], journal.Events);
    }

    [Fact]
    public async Task AnAlreadyCanceledTokenRunsNothing()
    {
        var journal = new Journal();
        var graph = new AsyncGraph<Journal>(Scripted.Step(NodeKind.Async, "never"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await graph.RunAsync(journal, new CancellationToken(canceled: true)));

        Assert.Empty(journal.Events);
    }

    [Fact]
    public async Task CancellationInsideAParallelBatchIsNotWrapped()
    {
        using var cts = new CancellationTokenSource();
        var node = new CancelingParallelBatch(cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await node.RunAsync(new Journal(), cts.Token));
    }

    [Fact]
    public async Task AnOperationCanceledExceptionNotCausedByTheRunsTokenIsAnOrdinaryFailure()
    {
        var journal = new Journal();
        var node = Scripted.Node(NodeKind.Async, "timed-out", new NodeScript<string, string>
        {
            Exec = (_, context) =>
            {
                journal.Record($"exec#{context.Attempt}");
                throw new TaskCanceledException("an HTTP timeout, not the run's cancellation");
            },
        }, maxRetries: 2);

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await node.RunAsync(journal));

        Assert.IsType<TaskCanceledException>(error.InnerException);
        Assert.Equal(["exec#0", "exec#1"], journal.Events);
    }

    private sealed class CancelingParallelBatch(CancellationTokenSource cts) : AsyncParallelBatchNode<Journal, int, int>(maxConcurrency: 2)
    {
        public override ValueTask<BatchSource<int>> PrepAsync(Journal shared, NodeContext context) => new(new[] { 1, 2, 3, 4, 5, 6 });

        public override async ValueTask<int> ExecAsync(int input, NodeContext context)
        {
            if (input == 2)
            {
                await cts.CancelAsync();
            }

            await Task.Delay(TimeSpan.FromMinutes(1), context.CancellationToken);
            return input;
        }
    }
}
