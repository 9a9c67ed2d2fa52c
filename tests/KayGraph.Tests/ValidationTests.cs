using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary><see cref="ValidatedNode{TShared, TPrep, TExec}"/>: input validated before exec, output validated after each attempt.</summary>
public sealed class ValidationTests
{
    [Fact]
    public async Task ValidInputAndOutputPassThroughNormalized()
    {
        var journal = new Journal();
        journal.Values["text"] = "  Hello  ";
        var node = new TrimmingNode(journal);

        await node.RunAsync(journal);

        Assert.Equal(["exec(Hello)", "post(HELLO)"], journal.Events);
    }

    [Fact]
    public async Task InvalidInputFailsInPrepBeforeExecRuns()
    {
        var journal = new Journal();
        journal.Values["text"] = "   ";
        var node = new TrimmingNode(journal);

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await node.RunAsync(journal));

        Assert.Equal("prep", error.Phase);
        Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Empty(journal.Events);
    }

    [Fact]
    public async Task InvalidOutputIsRetriedLikeAFailedAttempt()
    {
        var journal = new Journal();
        journal.Values["text"] = "ok";
        var node = new TrimmingNode(journal, rejectFirstOutputs: 1);

        await node.RunAsync(journal);

        Assert.Equal(["exec(ok)", "exec(ok)", "post(OK)"], journal.Events);
        Assert.Equal([0, 1], node.Attempts);
    }

    [Fact]
    public async Task InvalidOutputOnTheLastAttemptFailsTheNode()
    {
        var journal = new Journal();
        journal.Values["text"] = "ok";
        var node = new TrimmingNode(journal, rejectFirstOutputs: 5);

        var error = await Assert.ThrowsAsync<NodeExecutionException>(async () => await node.RunAsync(journal));

        Assert.Equal("exec", error.Phase);
        Assert.Equal(2, error.Attempt);
        Assert.IsType<FormatException>(error.InnerException);
    }

    /// <summary>Trims and upper-cases the text; exec's attempts are observed through <paramref name="observer"/>.</summary>
    private sealed class TrimmingNode(Journal observer, int rejectFirstOutputs = 0) : ValidatedNode<Journal, string, string>(maxRetries: 2)
    {
        private readonly ConcurrentQueue<int> _attempts = new();

        public ConcurrentQueue<int> Attempts => _attempts;

        protected override string Prep(Journal shared, NodeContext context) => (string)shared.Values["text"]!;

        protected override string ValidateInput(string prep) =>
            string.IsNullOrWhiteSpace(prep) ? throw new ArgumentException("text must not be blank", nameof(prep)) : prep.Trim();

        protected override string Exec(string prep, NodeContext context)
        {
            _attempts.Enqueue(context.Attempt);
            observer.Record($"exec({prep})");
            return prep.ToUpperInvariant();
        }

        protected override string ValidateOutput(string exec) =>
            _attempts.Count <= rejectFirstOutputs ? throw new FormatException("output rejected") : exec;

        protected override string? Post(Journal shared, string prep, string exec, NodeContext context)
        {
            shared.Record($"post({exec})");
            return null;
        }
    }
}
