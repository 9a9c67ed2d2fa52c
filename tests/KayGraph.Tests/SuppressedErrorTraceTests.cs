using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KayGraph.Tests;

/// <summary>
/// The stack trace of a failed exec, as logged when the error hook suppresses it and as the inner exception when it does not,
/// shows the user's exec and the runtime's exec plumbing only: no frame of the fallback the node does not declare (the
/// dynamic API's default <c>ExecFallback</c>, a generated node's <c>GeneratedCodeSupport.Rethrow</c>), nor of any other phase.
/// </summary>
public sealed class SuppressedErrorTraceTests(ITestOutputHelper output)
{
    /// <summary>Names that must not appear in the trace: phases the nodes below do not declare, and the fallback's plumbing.</summary>
    private static readonly string[] UndeclaredFrames =
        ["ExecFallback", "Rethrow", "GeneratedCodeSupport", "FallbackException", "BeforePrep", "PrepAsync", "AfterExec", "PostAsync"];

    public static TheoryData<string, bool> Shapes => new()
    {
        { nameof(OnlyExecNode), true },
        { nameof(OnlyExecNode), false },
        { nameof(OnlyExecAsyncNode), true },
        { nameof(OnlyExecAsyncNode), false },
        { nameof(GeneratedShapeNode), true },
        { nameof(GeneratedShapeNode), false },
        { nameof(OnlyExecBatch), true },
        { nameof(OnlyExecBatch), false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task TheTraceOfAFailedExecShowsTheUsersFramesNotThoseOfUndeclaredPhases(string shape, bool suppress)
    {
        var (node, userFrame) = Create(shape, suppress);
        var logger = new RecordingLogger();
        var context = new NodeContext(new RunOptions { Logger = logger });

        Exception error;
        if (suppress)
        {
            Assert.Null(await node.RunAsync(new Journal(), context));
            error = Assert.Single(logger.Named("ErrorSuppressed")).Exception!;
        }
        else
        {
            var failure = await Assert.ThrowsAsync<NodeExecutionException>(async () => await node.RunAsync(new Journal(), context));
            error = failure.InnerException!;
        }

        var trace = error.StackTrace;
        output.WriteLine(trace);
        Assert.Equal("exec failed", Assert.IsType<InvalidOperationException>(error).Message);
        Assert.NotNull(trace);
        Assert.StartsWith($"   at {typeof(SuppressedErrorTraceTests).FullName}.{shape}.{userFrame}(", trace, StringComparison.Ordinal);
        Assert.All(UndeclaredFrames, name => Assert.DoesNotContain(name, trace, StringComparison.Ordinal));
    }

    private static (INode<Journal> Node, string UserFrame) Create(string shape, bool suppress) => shape switch
    {
        nameof(OnlyExecNode) => (new OnlyExecNode(suppress), "Exec"),
        nameof(OnlyExecAsyncNode) => (new OnlyExecAsyncNode(suppress), "ExecAsync"),
        nameof(GeneratedShapeNode) => (new GeneratedShapeNode(suppress), "Exec"),
        nameof(OnlyExecBatch) => (new OnlyExecBatch(suppress), "Exec"),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };

    /// <summary>A synchronous node of the dynamic API that declares exec (which throws) and the error hook only.</summary>
    private sealed class OnlyExecNode(bool suppress) : Node<Journal, Unit, string>(maxRetries: 2)
    {
        protected override string Exec(Unit prep, NodeContext context) => throw new InvalidOperationException("exec failed");

        protected override bool OnError(Journal shared, Exception error, NodeContext context) => suppress;
    }

    /// <summary>An asynchronous node of the dynamic API that declares exec (which fails after a yield) and the error hook only.</summary>
    private sealed class OnlyExecAsyncNode(bool suppress) : AsyncNode<Journal, Unit, string>(maxRetries: 2)
    {
        public override async ValueTask<string> ExecAsync(Unit input, NodeContext context)
        {
            await Task.Yield();
            throw new InvalidOperationException("exec failed");
        }

        public override ValueTask<bool> OnErrorAsync(Journal shared, Exception error, NodeContext context) => new(suppress);
    }

    /// <summary>A synchronous batch node that declares prep, exec (which throws) and the error hook only.</summary>
    private sealed class OnlyExecBatch(bool suppress) : BatchNode<Journal, int, string>
    {
        protected override IEnumerable<int> Prep(Journal shared, NodeContext context) => [1, 2];

        protected override string Exec(int item, NodeContext context) => throw new InvalidOperationException("exec failed");

        protected override bool OnError(Journal shared, Exception error, NodeContext context) => suppress;
    }

    /// <summary>
    /// What the generator emits for <c>[Node] partial class GeneratedShapeNode { string Exec() ...; bool OnError(...) ... }</c>
    /// (see the generator's snapshots), written by hand: the undeclared phases are no-ops and the fallback is
    /// <see cref="GeneratedCodeSupport.Rethrow{T}"/>.
    /// </summary>
    private sealed class GeneratedShapeNode(bool suppress) : INode<Journal>, INodeLifecycle<Journal, Unit, string>
    {
        private static readonly NodeSettings Settings = NodeSettings.FromMilliseconds(2, 0);

        string INode<Journal>.Id => "GeneratedShape";

        string INodeLifecycle<Journal, Unit, string>.Id => "GeneratedShape";

        NodeSettings INodeLifecycle<Journal, Unit, string>.Settings => Settings;

        ValueTask<string?> INode<Journal>.RunAsync(Journal shared, NodeContext context) =>
            NodeExecutor.RunAsync<GeneratedShapeNode, Journal, Unit, string>(this, shared, context);

        ValueTask INodeLifecycle<Journal, Unit, string>.BeforePrepAsync(Journal shared, NodeContext context) => default;

        ValueTask<Unit> INodeLifecycle<Journal, Unit, string>.PrepAsync(Journal shared, NodeContext context) => default;

        ValueTask<string> IExecPhase<Unit, string>.ExecAsync(Unit input, NodeContext context) => new(Exec());

        ValueTask<string> IExecPhase<Unit, string>.ExecFallbackAsync(Unit input, Exception error, NodeContext context) =>
            GeneratedCodeSupport.Rethrow<string>(error);

        ValueTask INodeLifecycle<Journal, Unit, string>.AfterExecAsync(Journal shared, Unit prep, string exec, NodeContext context) => default;

        ValueTask<string?> INodeLifecycle<Journal, Unit, string>.PostAsync(Journal shared, Unit prep, string exec, NodeContext context) => default;

        ValueTask<bool> INodeLifecycle<Journal, Unit, string>.OnErrorAsync(Journal shared, Exception error, NodeContext context) => new(OnError(error));

        private static string Exec() => throw new InvalidOperationException("exec failed");

        private bool OnError(Exception error) => suppress && error is InvalidOperationException;
    }
}
