using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Retries: <c>MaxRetries</c> is the total number of attempts, <c>Attempt</c> is 0-based, and only exec is retried.</summary>
public sealed class RetryTests
{
    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task ExecRunsMaxRetriesTimesWithZeroBasedAttemptIndex(NodeKind kind)
    {
        var attempts = new ConcurrentQueue<(int Attempt, int MaxRetries)>();
        var node = Scripted.Node(kind, "always-fails", new NodeScript<string, string>
        {
            Prep = (_, _) => "input",
            Exec = (_, context) =>
            {
                attempts.Enqueue((context.Attempt, context.MaxRetries));
                throw new InvalidOperationException($"attempt {context.Attempt}");
            },
            Fallback = (_, _, _) => "fallback",
        }, maxRetries: 3);

        await node.RunAsync(new Journal());

        Assert.Equal([(0, 3), (1, 3), (2, 3)], attempts.ToArray());
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task SucceedsOnALaterAttemptAndPostSeesThatResult(NodeKind kind)
    {
        var journal = new Journal();
        var node = Scripted.Node(kind, "flaky", new NodeScript<string, string>
        {
            Exec = (_, context) => context.Attempt < 2 ? throw new InvalidOperationException("not yet") : $"ok on attempt {context.Attempt}",
            Fallback = (_, _, _) => throw new InvalidOperationException("the fallback must not run when an attempt succeeds"),
            Post = (shared, _, exec, _) =>
            {
                shared.Record(exec);
                return null;
            },
        }, maxRetries: 3);

        await node.RunAsync(journal);

        Assert.Equal(["ok on attempt 2"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task DefaultIsOneAttemptWithoutRetry(NodeKind kind)
    {
        var calls = 0;
        var node = Scripted.Node(kind, "once", new NodeScript<string, string>
        {
            Exec = (_, _) =>
            {
                Interlocked.Increment(ref calls);
                throw new InvalidOperationException("boom");
            },
        });

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await node.RunAsync(new Journal()));

        Assert.Equal(1, calls);
        Assert.Equal(1, error.MaxRetries);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task OnlyExecIsRetried(NodeKind kind)
    {
        var journal = new Journal();
        var node = Scripted.Node(kind, "retried", new NodeScript<string, string>
        {
            BeforePrep = (shared, _) => shared.Record("before_prep"),
            Prep = (shared, _) =>
            {
                shared.Record("prep");
                return "input";
            },
            Exec = (_, context) => context.Attempt < 3 ? throw new InvalidOperationException("retry me") : "done",
            AfterExec = (shared, _, _, _) => shared.Record("after_exec"),
            Post = (shared, _, _, _) =>
            {
                shared.Record("post");
                return null;
            },
        }, maxRetries: 4);

        await node.RunAsync(journal);

        Assert.Equal(["before_prep", "prep", "after_exec", "post"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task EachRetryIsLoggedAsAWarningWithTheFailure(NodeKind kind)
    {
        var logger = new RecordingLogger();
        var node = Scripted.Node(kind, "logged", new NodeScript<string, string>
        {
            Exec = (_, context) => context.Attempt < 2 ? throw new TimeoutException($"slow {context.Attempt}") : "ok",
        }, maxRetries: 3);

        await node.RunAsync(new Journal(), new RunOptions { Logger = logger });

        var retries = logger.Named("Retrying");
        Assert.Equal(2, retries.Count);
        Assert.All(retries, entry => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, entry.Level));
        Assert.Equal(["slow 0", "slow 1"], retries.Select(entry => entry.Exception!.Message));
        Assert.Contains("'logged'", retries[0].Message, StringComparison.Ordinal);
        Assert.Contains("attempt 1 of 3", retries[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchItemsEachGetTheirOwnAttempts()
    {
        var attempts = new ConcurrentQueue<string>();
        var node = new FlakyItemsBatch(attempts);

        await node.RunAsync(new Journal());

        Assert.Equal(["a#0", "b#0", "b#1", "c#0"], attempts.ToArray());
    }

    [Fact]
    public async Task ParallelBatchItemsEachGetTheirOwnAttemptsWhileTheOthersRun()
    {
        var attempts = new ConcurrentQueue<string>();
        var node = new FlakyItemsParallelBatch(attempts);

        await node.RunAsync(new Journal());

        Assert.Equal(["a#0", "b#0", "b#1", "b#2", "c#0", "c#1"], attempts.Order(StringComparer.Ordinal));
    }

    /// <summary>Unbounded, with retries: "b" fails twice and "c" once, while the other items are in flight.</summary>
    private sealed class FlakyItemsParallelBatch(ConcurrentQueue<string> attempts) : AsyncParallelBatchNode<Journal, string, string>(maxRetries: 3)
    {
        public override ValueTask<BatchSource<string>> PrepAsync(Journal shared, NodeContext context) => new(new[] { "a", "b", "c" });

        public override async ValueTask<string> ExecAsync(string item, NodeContext context)
        {
            var attempt = context.Attempt;
            await Task.Delay(10);
            attempts.Enqueue($"{item}#{attempt}");
            Assert.Equal(attempt, context.Attempt); // no other item moved this item's attempt meanwhile
            return (item == "b" && attempt < 2) || (item == "c" && attempt == 0) ? throw new InvalidOperationException($"{item} fails") : item;
        }
    }

    private sealed class FlakyItemsBatch(ConcurrentQueue<string> attempts) : BatchNode<Journal, string, string>(maxRetries: 2)
    {
        protected override System.Collections.Generic.IEnumerable<string> Prep(Journal shared, NodeContext context) => ["a", "b", "c"];

        protected override string Exec(string item, NodeContext context)
        {
            attempts.Enqueue($"{item}#{context.Attempt}");
            return item == "b" && context.Attempt == 0 ? throw new InvalidOperationException("b fails once") : item;
        }
    }
}
