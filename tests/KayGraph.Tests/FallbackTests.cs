using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace KayGraph.Tests;

/// <summary>The fallback runs once, after the last failed attempt only, with that attempt's exception; its result replaces exec's.</summary>
public sealed class FallbackTests
{
    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task FallbackRunsOnceAfterTheLastAttemptWithItsException(NodeKind kind)
    {
        var journal = new Journal();
        var node = Scripted.Node(kind, "falls-back", new NodeScript<string, string>
        {
            Prep = (_, _) => "input",
            Exec = (_, context) =>
            {
                journal.Record($"exec#{context.Attempt}");
                throw new InvalidOperationException($"failure {context.Attempt}");
            },
            Fallback = (prep, error, _) =>
            {
                journal.Record($"fallback({prep}, {error.Message})");
                return "recovered";
            },
            Post = (shared, _, exec, _) =>
            {
                shared.Record($"post({exec})");
                return null;
            },
        }, maxRetries: 3);

        await node.RunAsync(journal);

        Assert.Equal(["exec#0", "exec#1", "exec#2", "fallback(input, failure 2)", "post(recovered)"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task TheLastFailedAttemptIsLoggedAsAWarningBeforeTheFallbackRuns(NodeKind kind)
    {
        var logger = new RecordingLogger();
        var loggedWhenTheFallbackRan = new List<string>();
        var node = Scripted.Node(kind, "logged-fallback", new NodeScript<string, string>
        {
            Exec = (_, context) => throw new TimeoutException($"slow {context.Attempt}"),
            Fallback = (_, _, _) =>
            {
                loggedWhenTheFallbackRan.AddRange(logger.Named("LastAttemptFailed").Select(entry => entry.Exception!.Message));
                return "recovered";
            },
        }, maxRetries: 3);

        await node.RunAsync(new Journal(), new RunOptions { Logger = logger });

        var last = Assert.Single(logger.Named("LastAttemptFailed"));
        Assert.Equal(LogLevel.Warning, last.Level);
        Assert.Contains("'logged-fallback'", last.Message, StringComparison.Ordinal);
        Assert.Contains("attempt 3 of 3", last.Message, StringComparison.Ordinal);
        Assert.Equal("slow 2", Assert.IsType<TimeoutException>(last.Exception).Message);
        Assert.Equal(["slow 2"], loggedWhenTheFallbackRan);
        Assert.Equal(["slow 0", "slow 1"], logger.Named("Retrying").Select(entry => entry.Exception!.Message));
    }

    [Fact]
    public async Task EachBatchItemsLastFailedAttemptIsLoggedBeforeItsFallback()
    {
        var logger = new RecordingLogger();
        var node = new FailingItemsBatch(logger);

        await node.RunAsync(new Journal(), new RunOptions { Logger = logger });

        Assert.Equal(["bad a", "bad b"], logger.Named("LastAttemptFailed").Select(entry => entry.Exception!.Message));
        Assert.Equal(["a: logged before", "b: logged before"], node.Fallbacks);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task FallbackDoesNotRunWhenAnAttemptSucceeds(NodeKind kind)
    {
        var journal = new Journal();
        var node = Scripted.Node(kind, "recovers", new NodeScript<string, string>
        {
            Exec = (_, context) => context.Attempt == 0 ? throw new InvalidOperationException("first") : "second",
            Fallback = (_, _, _) =>
            {
                journal.Record("fallback");
                return "fallback";
            },
            Post = (shared, _, exec, _) =>
            {
                shared.Record(exec);
                return null;
            },
        }, maxRetries: 2);

        await node.RunAsync(journal);

        Assert.Equal(["second"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task DefaultFallbackRethrowsTheLastAttemptsException(NodeKind kind)
    {
        var thrown = new List<Exception>();
        var node = Scripted.Node(kind, "rethrows", new NodeScript<string, string>
        {
            Exec = (_, context) =>
            {
                var error = new FormatException($"bad {context.Attempt}");
                lock (thrown)
                {
                    thrown.Add(error);
                }

                throw error;
            },
        }, maxRetries: 2);

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await node.RunAsync(new Journal()));

        Assert.Equal("exec", error.Phase);
        Assert.Equal(2, error.Attempt);
        Assert.Same(thrown[^1], error.InnerException);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task AFailingFallbackIsReportedAsTheFallbackPhase(NodeKind kind)
    {
        var node = Scripted.Node(kind, "bad-fallback", new NodeScript<string, string>
        {
            Exec = (_, _) => throw new InvalidOperationException("exec failed"),
            Fallback = (_, _, _) => throw new NotSupportedException("fallback failed"),
        }, maxRetries: 2);

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await node.RunAsync(new Journal()));

        Assert.Equal("bad-fallback", error.NodeId);
        Assert.Equal("fallback", error.Phase);
        Assert.Equal(2, error.Attempt);
        var inner = Assert.IsType<NotSupportedException>(error.InnerException);
        Assert.Equal("fallback failed", inner.Message);
    }

    [Fact]
    public async Task EachBatchItemFallsBackOnItsOwn()
    {
        var journal = new Journal();
        await new FallbackPerItemBatch().RunAsync(journal);

        Assert.Equal(["1", "fallback(2: two is bad)", "3"], journal.Events);
    }

    [Fact]
    public async Task EachAsyncParallelBatchItemFallsBackOnItsOwn()
    {
        var journal = new Journal();
        await new FallbackPerItemParallelBatch().RunAsync(journal);

        Assert.Equal(["ok 1", "fallback 2", "ok 3", "fallback 4"], journal.Events);
    }

    private sealed class FallbackPerItemBatch() : BatchNode<Journal, int, string>(maxRetries: 2)
    {
        protected override IEnumerable<int> Prep(Journal shared, NodeContext context) => [1, 2, 3];

        protected override string Exec(int item, NodeContext context) =>
            item == 2 ? throw new InvalidOperationException("two is bad") : item.ToString(System.Globalization.CultureInfo.InvariantCulture);

        protected override string ExecFallback(int item, Exception error, NodeContext context) => $"fallback({item}: {error.Message})";

        protected override string? Post(Journal shared, IReadOnlyList<int> items, IReadOnlyList<string> results, NodeContext context)
        {
            foreach (var result in results)
            {
                shared.Record(result);
            }

            return null;
        }
    }

    private sealed class FallbackPerItemParallelBatch() : AsyncParallelBatchNode<Journal, int, string>(maxConcurrency: 2, maxRetries: 2)
    {
        public override ValueTask<BatchSource<int>> PrepAsync(Journal shared, NodeContext context) => new(new[] { 1, 2, 3, 4 });

        public override async ValueTask<string> ExecAsync(int input, NodeContext context)
        {
            await Task.Yield();
            return input % 2 == 0 ? throw new InvalidOperationException("even") : $"ok {input}";
        }

        public override ValueTask<string> ExecFallbackAsync(int input, Exception error, NodeContext context) => new($"fallback {input}");

        public override ValueTask<string?> PostAsync(Journal shared, IReadOnlyList<int> items, IReadOnlyList<string> results, NodeContext context)
        {
            foreach (var result in results)
            {
                shared.Record(result);
            }

            return default;
        }
    }

    /// <summary>A batch whose items all fail once (one attempt each); each fallback notes whether its failure was logged before it ran.</summary>
    private sealed class FailingItemsBatch(RecordingLogger logger) : BatchNode<Journal, string, string>(id: "failing-items")
    {
        public List<string> Fallbacks { get; } = [];

        protected override IEnumerable<string> Prep(Journal shared, NodeContext context) => ["a", "b"];

        protected override string Exec(string item, NodeContext context) => throw new InvalidOperationException($"bad {item}");

        protected override string ExecFallback(string item, Exception error, NodeContext context)
        {
            var logged = logger.Named("LastAttemptFailed").Any(entry => ReferenceEquals(entry.Exception, error));
            Fallbacks.Add($"{item}: {(logged ? "logged before" : "not logged")}");
            return item;
        }
    }
}
