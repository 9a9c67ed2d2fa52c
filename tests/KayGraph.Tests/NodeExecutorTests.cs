using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>
/// <see cref="NodeExecutor"/> driving hand-written lifecycles, the way generated nodes call it: phase order, retries with the
/// attempt index, fallback, error hook, and batches (sequential and parallel) through <see cref="NodeExecutor.RunBatchAsync"/>.
/// </summary>
public sealed class NodeExecutorTests
{
    [Fact]
    public async Task DrivesTheLifecycleInOrder()
    {
        var journal = new Journal();
        var node = new LifecycleNode(journal, failuresBeforeSuccess: 1, maxRetries: 2);

        var action = await node.RunAsync(journal, new NodeContext());

        Assert.Equal("posted", action);
        Assert.Equal(["before_prep", "prep", "exec#0", "exec#1", "after_exec(42:ok)", "post(42:ok)"], journal.Events);
    }

    [Fact]
    public async Task RetriesAnExecThatThrowsSynchronouslyAfterAPendingPrep()
    {
        // Exec throws before returning a task (as generated glue around a sync Exec does) while prep completed asynchronously.
        var journal = new Journal();
        var node = new LifecycleNode(journal, failuresBeforeSuccess: 1, maxRetries: 2, prepYields: true);

        var action = await node.RunAsync(journal, new NodeContext());

        Assert.Equal("posted", action);
        Assert.Equal(["before_prep", "prep", "exec#0", "exec#1", "after_exec(42:ok)", "post(42:ok)"], journal.Events);
    }

    [Fact]
    public async Task FallsBackAfterTheLastAttemptAndSkipsTheErrorHook()
    {
        var journal = new Journal();
        var node = new LifecycleNode(journal, failuresBeforeSuccess: 5, maxRetries: 2);

        await node.RunAsync(journal, new NodeContext());

        Assert.Equal(["before_prep", "prep", "exec#0", "exec#1", "fallback(attempt 1 failed)", "after_exec(42:fallback)", "post(42:fallback)"], journal.Events);
    }

    [Fact]
    public async Task RejectsNullArguments()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(
            async () => await NodeExecutor.RunAsync<LifecycleNode, Journal, int, string>(null!, new Journal(), new NodeContext()));
        await Assert.ThrowsAsync<ArgumentNullException>(
            async () => await NodeExecutor.RunAsync<LifecycleNode, Journal, int, string>(new LifecycleNode(new Journal(), 0, 1), new Journal(), null!));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunsBatchLifecyclesSequentiallyOrInParallel(bool parallel)
    {
        var journal = new Journal();
        var node = new BatchLifecycleNode(parallel);

        var action = await NodeExecutor.RunBatchAsync<BatchLifecycleNode, Journal, string, char, int>(node, journal, new NodeContext());

        Assert.Equal("batched", action);
        Assert.Equal(["after_exec [97, 98, 99]", "post(abc) [a, b, c] -> [97, 98, 99]"], journal.Events);
    }

    /// <summary>
    /// A node written like generated code: implements the lifecycle and calls the executor. Exec does not touch the store;
    /// the test observes its attempts through <paramref name="observer"/>.
    /// </summary>
    private sealed class LifecycleNode(Journal observer, int failuresBeforeSuccess, int maxRetries, bool prepYields = false) : INode<Journal>, INodeLifecycle<Journal, int, string>
    {
        public string Id => "lifecycle";

        public NodeSettings Settings { get; } = new(maxRetries);

        public ValueTask<string?> RunAsync(Journal shared, NodeContext context) =>
            NodeExecutor.RunAsync<LifecycleNode, Journal, int, string>(this, shared, context);

        public ValueTask BeforePrepAsync(Journal shared, NodeContext context)
        {
            shared.Record("before_prep");
            return default;
        }

        public ValueTask<int> PrepAsync(Journal shared, NodeContext context)
        {
            shared.Record("prep");
            return prepYields ? YieldThen(42) : new(42);
        }

        private static async ValueTask<int> YieldThen(int value)
        {
            await Task.Yield();
            return value;
        }

        public ValueTask<string> ExecAsync(int input, NodeContext context)
        {
            observer.Record($"exec#{context.Attempt}");
            return context.Attempt < failuresBeforeSuccess ? throw new InvalidOperationException($"attempt {context.Attempt} failed") : new("ok");
        }

        public ValueTask<string> ExecFallbackAsync(int input, Exception error, NodeContext context)
        {
            observer.Record($"fallback({error.Message})");
            return new("fallback");
        }

        public ValueTask AfterExecAsync(Journal shared, int prep, string exec, NodeContext context)
        {
            shared.Record($"after_exec({prep}:{exec})");
            return default;
        }

        public ValueTask<string?> PostAsync(Journal shared, int prep, string exec, NodeContext context)
        {
            shared.Record($"post({prep}:{exec})");
            return new("posted");
        }

        public ValueTask<bool> OnErrorAsync(Journal shared, Exception error, NodeContext context)
        {
            shared.Record("on_error");
            return new(false);
        }

    }

    private sealed class BatchLifecycleNode(bool parallel) : IBatchNodeLifecycle<Journal, string, char, int>
    {
        public string Id => "batch-lifecycle";

        public NodeSettings Settings { get; } = new(maxRetries: 1, maxConcurrency: 2);

        public bool IsParallel => parallel;

        public bool IsExecAsync => false;

        public ValueTask BeforePrepAsync(Journal shared, NodeContext context) => default;

        public ValueTask<string> PrepAsync(Journal shared, NodeContext context) => new("abc");

        public BatchSource<char> GetItems(string prep) => BatchSource<char>.From(prep);

        public async ValueTask<int> ExecAsync(char input, NodeContext context)
        {
            await Task.Yield();
            return input;
        }

        public ValueTask<int> ExecFallbackAsync(char input, Exception error, NodeContext context) => throw error;

        public ValueTask AfterExecAsync(Journal shared, string prep, IReadOnlyList<int> results, NodeContext context)
        {
            shared.Record($"after_exec [{string.Join(", ", results)}]");
            return default;
        }

        public ValueTask<string?> PostAsync(Journal shared, string prep, IReadOnlyList<char> items, IReadOnlyList<int> results, NodeContext context)
        {
            shared.Record($"post({prep}) [{string.Join(", ", items)}] -> [{string.Join(", ", results)}]");
            return new("batched");
        }

        public ValueTask<bool> OnErrorAsync(Journal shared, Exception error, NodeContext context) => new(false);
    }
}
