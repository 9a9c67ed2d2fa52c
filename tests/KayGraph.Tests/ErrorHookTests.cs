using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>The <c>on_error</c> hook, on both paths: it sees the original error, may suppress it, and the node then takes the default action.</summary>
public sealed class ErrorHookTests
{
    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task SuppressedErrorEndsTheNodeWithTheDefaultAction(NodeKind kind)
    {
        var journal = new Journal();
        var logger = new RecordingLogger();
        var failing = Scripted.Node(kind, "failing", new NodeScript<string, string>
        {
            Exec = (_, _) => throw new InvalidOperationException("boom"),
            Post = (shared, _, _, _) =>
            {
                shared.Record("post must not run");
                return "other";
            },
            OnError = (shared, error, _) =>
            {
                shared.Record($"on_error({error.GetType().Name}: {error.Message})");
                return true;
            },
        }, maxRetries: 2);
        var graph = Scripted.Graph(kind, failing);
        _ = failing >> Scripted.Step(kind, "handler", "handled");
        _ = failing - "other" >> Scripted.Step(kind, "other");

        var action = await graph.RunAsync(journal, new RunOptions { Logger = logger });

        Assert.Equal("handled", action);
        Assert.Equal(["on_error(InvalidOperationException: boom)", "handler"], journal.Events);
        var suppressed = Assert.Single(logger.Named("ErrorSuppressed"));
        Assert.Contains("'failing'", suppressed.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(suppressed.Exception);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task UnsuppressedErrorPropagatesAndStopsTheGraph(NodeKind kind)
    {
        var journal = new Journal();
        var failing = Scripted.Node(kind, "failing", new NodeScript<string, string>
        {
            Exec = (_, _) => throw new InvalidOperationException("boom"),
            OnError = (shared, error, _) =>
            {
                shared.Record($"on_error({error.Message})");
                return false;
            },
        });
        var graph = Scripted.Graph(kind, failing);
        _ = failing >> Scripted.Step(kind, "next");

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await graph.RunAsync(journal));

        Assert.Equal(["on_error(boom)"], journal.Events);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task HookSeesFailuresOfOtherPhases(NodeKind kind)
    {
        var journal = new Journal();
        var node = Scripted.Node(kind, "prep-fails", new NodeScript<string, string>
        {
            Prep = (_, _) => throw new KeyNotFoundException("missing input"),
            Exec = (_, _) => "never",
            OnError = (shared, error, _) =>
            {
                shared.Record($"on_error({error.GetType().Name})");
                return true;
            },
        });

        var action = await node.RunAsync(journal);

        Assert.Null(action);
        Assert.Equal(["on_error(KeyNotFoundException)"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task HookIsNotCalledWhenTheFallbackRecovers(NodeKind kind)
    {
        var journal = new Journal();
        var node = Scripted.Node(kind, "recovers", new NodeScript<string, string>
        {
            Exec = (_, _) => throw new InvalidOperationException("boom"),
            Fallback = (_, _, _) => "fallback",
            OnError = (shared, _, _) =>
            {
                shared.Record("on_error");
                return true;
            },
            Post = (shared, _, exec, _) =>
            {
                shared.Record(exec);
                return null;
            },
        });

        await node.RunAsync(journal);

        Assert.Equal(["fallback"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task AHookThatThrowsIsReportedAsTheOnErrorPhaseOfTheNode(NodeKind kind)
    {
        var hookError = new InvalidOperationException("the hook itself failed");
        var node = Scripted.Node(kind, "bad-hook", new NodeScript<string, string>
        {
            Exec = (_, _) => throw new FormatException("exec failed"),
            OnError = (_, _, _) => throw hookError,
        }, maxRetries: 2);

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await node.RunAsync(new Journal()));

        Assert.Equal("bad-hook", error.NodeId);
        Assert.Equal("on_error", error.Phase);
        Assert.Equal(2, error.Attempt);
        Assert.Same(hookError, error.InnerException);
    }

    [Fact]
    public async Task BatchNodeHookSuppressesAFailedItem()
    {
        var journal = new Journal();
        var action = await new SuppressingBatch().RunAsync(journal);

        Assert.Null(action);
        Assert.Equal(["on_error(item 2)"], journal.Events);
    }

    private sealed class SuppressingBatch : AsyncBatchNode<Journal, int, int>
    {
        public override ValueTask<BatchSource<int>> PrepAsync(Journal shared, NodeContext context) => new(new[] { 1, 2, 3 });

        public override ValueTask<int> ExecAsync(int input, NodeContext context) =>
            input == 2 ? throw new InvalidOperationException($"item {input}") : new(input);

        public override ValueTask<string?> PostAsync(Journal shared, IReadOnlyList<int> items, IReadOnlyList<int> results, NodeContext context)
        {
            shared.Record("post must not run");
            return default;
        }

        public override ValueTask<bool> OnErrorAsync(Journal shared, Exception error, NodeContext context)
        {
            shared.Record($"on_error({error.Message})");
            return new(true);
        }
    }
}
