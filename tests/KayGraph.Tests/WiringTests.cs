using System;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace KayGraph.Tests;

/// <summary>
/// Wiring with <c>&gt;&gt;</c>, <c>- "action" &gt;&gt;</c> and <see cref="NodeBase{TShared}.Next{TNode}"/>, and its warnings. Runs in the
/// serial collection because the overwrite warning goes to the static <see cref="NodeBase{TShared}.WiringLogger"/>.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class WiringTests : IDisposable
{
    private readonly ILogger _previousLogger = NodeBase<Journal>.WiringLogger;
    private readonly RecordingLogger _wiringLogger = new();

    public WiringTests() => NodeBase<Journal>.WiringLogger = _wiringLogger;

    public void Dispose() => NodeBase<Journal>.WiringLogger = _previousLogger;

    [Fact]
    public void ShiftWiresTheDefaultSuccessorAndReturnsItSoChainsReadLeftToRight()
    {
        var a = Scripted.Step(NodeKind.Sync, "a");
        var b = Scripted.Step(NodeKind.Sync, "b");
        var c = Scripted.Step(NodeKind.Sync, "c");

        var returned = a >> b >> c;

        Assert.Same(c, returned);
        Assert.Same(b, a.Successors["default"]);
        Assert.Same(c, b.Successors["default"]);
        Assert.Empty(c.Successors);
    }

    [Fact]
    public void MinusActionShiftWiresANamedSuccessor()
    {
        var a = Scripted.Step(NodeKind.Sync, "a");
        var yes = Scripted.Step(NodeKind.Sync, "yes");
        var no = Scripted.Step(NodeKind.Sync, "no");

        var returned = a - "yes" >> yes;
        _ = a - "no" >> no;

        Assert.Same(yes, returned);
        Assert.Equal(["yes", "no"], a.Successors.Keys);
        Assert.Same(yes, a.GetSuccessor("yes"));
        Assert.Same(no, a.GetSuccessor("no"));
        Assert.Null(a.GetSuccessor(null));
        Assert.Null(a.GetSuccessor("unknown"));
    }

    [Fact]
    public void NextWiresAndReturnsTheSuccessor()
    {
        var a = Scripted.Step(NodeKind.Sync, "a");
        var b = Scripted.Step(NodeKind.Sync, "b");

        var returned = a.Next(b, "go");

        Assert.Same(b, returned);
        Assert.Same(b, a.GetSuccessor("go"));
        Assert.Empty(_wiringLogger.Entries);
    }

    [Fact]
    public void OverwritingAnActionWarnsAndKeepsTheNewSuccessor()
    {
        var a = Scripted.Step(NodeKind.Sync, "a");
        var first = Scripted.Step(NodeKind.Sync, "first");
        var second = Scripted.Step(NodeKind.Sync, "second");

        _ = a - "go" >> first;
        Assert.Empty(_wiringLogger.Entries);
        _ = a - "go" >> second;

        var warning = Assert.Single(_wiringLogger.Named("SuccessorOverwritten"));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("'a'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'go'", warning.Message, StringComparison.Ordinal);
        Assert.Same(second, a.GetSuccessor("go"));
    }

    [Fact]
    public void OverwritingTheDefaultActionWarnsToo()
    {
        var a = Scripted.Step(NodeKind.Sync, "a");

        _ = a >> Scripted.Step(NodeKind.Sync, "b");
        _ = a >> Scripted.Step(NodeKind.Sync, "c");

        Assert.Contains("'default'", Assert.Single(_wiringLogger.Named("SuccessorOverwritten")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyActionIsRejected()
    {
        var a = Scripted.Step(NodeKind.Sync, "a");

        var error = Assert.Throws<ArgumentException>(() => a - "" >> Scripted.Step(NodeKind.Sync, "b"));

        Assert.Equal("action", error.ParamName);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task RunningANodeWithSuccessorsOnItsOwnWarnsThatTheyWillNotRun(NodeKind kind)
    {
        var logger = new RecordingLogger();
        var journal = new Journal();
        var a = Scripted.Step(kind, "a");
        _ = a >> Scripted.Step(kind, "b");

        await a.RunAsync(journal, new RunOptions { Logger = logger });

        Assert.Equal(["a"], journal.Events);
        var warning = Assert.Single(logger.Named("SuccessorsNotRun"));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("'a'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningANodeWithoutSuccessorsOnItsOwnDoesNotWarn()
    {
        var logger = new RecordingLogger();

        await Scripted.Step(NodeKind.Sync, "alone").RunAsync(new Journal(), new RunOptions { Logger = logger });

        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task WrappedINodeTakesSuccessorsInADynamicGraph()
    {
        var journal = new Journal();
        var generated = new HandWrittenNode();
        var wrapped = NodeBase<Journal>.Wrap(generated);
        var graph = new AsyncGraph<Journal>(wrapped);
        _ = wrapped - "generated-action" >> Scripted.Step(NodeKind.Sync, "after");

        var action = await graph.RunAsync(journal);

        Assert.Null(action);
        Assert.Equal("hand-written", wrapped.Id);
        Assert.Equal(["hand-written", "after"], journal.Events);
        Assert.Same(wrapped, NodeBase<Journal>.Wrap(wrapped));
    }

    /// <summary>An <see cref="INode{TShared}"/> that is not a <see cref="NodeBase{TShared}"/>, as a generated node is.</summary>
    private sealed class HandWrittenNode : INode<Journal>
    {
        public string Id => "hand-written";

        public ValueTask<string?> RunAsync(Journal shared, NodeContext context)
        {
            shared.Record(Id);
            return new("generated-action");
        }
    }
}
