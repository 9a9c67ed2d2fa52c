using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>
/// Errors carry context: a failure leaves as <see cref="NodeExecutionException"/> naming node, phase and attempt, with the
/// original exception (type and instance) as <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class ErrorContextTests
{
    [Theory]
    [InlineData(NodeKind.Sync, "before_prep")]
    [InlineData(NodeKind.Sync, "prep")]
    [InlineData(NodeKind.Sync, "exec")]
    [InlineData(NodeKind.Sync, "after_exec")]
    [InlineData(NodeKind.Sync, "post")]
    [InlineData(NodeKind.Async, "before_prep")]
    [InlineData(NodeKind.Async, "prep")]
    [InlineData(NodeKind.Async, "exec")]
    [InlineData(NodeKind.Async, "after_exec")]
    [InlineData(NodeKind.Async, "post")]
    public async Task FailureNamesNodePhaseAndAttemptAndKeepsTheOriginal(NodeKind kind, string failingPhase)
    {
        var original = new ArithmeticException($"{failingPhase} broke");
        void FailIf(string phase)
        {
            if (phase == failingPhase)
            {
                throw original;
            }
        }

        var node = Scripted.Node(kind, "careful", NodeScripts.EveryPhase(FailIf), maxRetries: 2);
        var graph = Scripted.Graph(kind, node, "careful-graph");

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await graph.RunAsync(new Journal()));

        Assert.Equal("careful", error.NodeId);
        Assert.Equal(failingPhase, error.Phase);
        Assert.Equal(failingPhase == "exec" ? 2 : 1, error.Attempt);
        Assert.Equal(2, error.MaxRetries);
        Assert.Same(original, error.InnerException);
        Assert.Contains("'careful'", error.Message, StringComparison.Ordinal);
        Assert.Contains(failingPhase, error.Message, StringComparison.Ordinal);
        Assert.Contains($"attempt {error.Attempt} of 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(original.Message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAfterARetriedExecReportsTheAttemptThatSucceeded()
    {
        var node = Scripted.Node(NodeKind.Sync, "late-post", new NodeScript<string, string>
        {
            Exec = (_, context) => context.Attempt < 1 ? throw new InvalidOperationException("first") : "ok",
            Post = (_, _, _, _) => throw new InvalidOperationException("post broke"),
        }, maxRetries: 3);

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await node.RunAsync(new Journal()));

        Assert.Equal("post", error.Phase);
        Assert.Equal(2, error.Attempt);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task FailureInsideANestedGraphNamesTheInnerNodeAndIsWrappedOnce(NodeKind kind)
    {
        var inner = Scripted.Graph(kind, Scripted.Node(kind, "deep-node", new NodeScript<string, string>
        {
            Exec = (_, _) => throw new KeyNotFoundException("no such key"),
        }), "inner");
        var first = Scripted.Step(kind, "first");
        var outer = Scripted.Graph(kind, first, "outer");
        _ = first >> inner;

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await outer.RunAsync(new Journal()));

        Assert.Equal("deep-node", error.NodeId);
        Assert.IsType<KeyNotFoundException>(error.InnerException);
    }

    [Fact]
    public async Task OriginalTypeIsCatchableThroughAnExceptionFilter()
    {
        var node = Scripted.Node(NodeKind.Async, "io", new NodeScript<string, string>
        {
            Exec = (_, _) => throw new System.IO.IOException("disk full"),
        });
        string? caught = null;

        try
        {
            await node.RunAsync(new Journal());
        }
        catch (NodeExecutionException error) when (error.InnerException is System.IO.IOException io)
        {
            caught = io.Message;
        }

        Assert.Equal("disk full", caught);
    }

    [Fact]
    public void NodeExecutionExceptionCarriesItsContext()
    {
        var inner = new InvalidOperationException("inner");

        var error = new NodeExecutionException("n", "exec", 2, 3, inner);

        Assert.Equal("Node 'n' failed in exec on attempt 2 of 3: inner", error.Message);
        Assert.Same(inner, error.InnerException);
        Assert.Equal(("n", "exec", 2, 3), (error.NodeId, error.Phase, error.Attempt, error.MaxRetries));
    }
}
