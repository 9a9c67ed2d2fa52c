namespace KayGraph.Generators.Diagnostics;

/// <summary>
/// Every KayGraph diagnostic id, stable once shipped: declarations (KG0001..KG0099; KG0015 is retired) and async pitfalls
/// (KG1001..KG1099). The generator, the analyzers and the code fixes all name them from here.
/// </summary>
internal static class DiagnosticIds
{
    /// <summary>A node or graph class, or a class containing one, that is not <c>partial</c>.</summary>
    public const string NodeNotPartial = "KG0001";
    public const string PhaseSyncAndAsync = "KG0002";
    public const string AsyncPhaseNotAwaitable = "KG0003";
    public const string ExecParameterMismatch = "KG0004";
    public const string PostParameterMismatch = "KG0005";
    public const string NextTargetNotNode = "KG0006";
    public const string DuplicateAction = "KG0007";
    public const string GraphStartInvalid = "KG0008";
    public const string IncompatibleSharedTypes = "KG0009";
    public const string InvalidActionName = "KG0010";
    public const string InvalidAttributeArgument = "KG0011";
    public const string CycleWithoutExit = "KG0012";
    public const string InvalidPhaseSignature = "KG0013";
    public const string SharedTypeUnknown = "KG0014";

    /// <summary>An <c>Interrupt</c> in a node that graphs run, none of them durable.</summary>
    public const string InterruptOutsideDurableRun = "KG0016";

    /// <summary>State of a durable graph's store (or of an interrupt's request or answer) that System.Text.Json drops or cannot read back.</summary>
    public const string DurableStateNotRestorable = "KG0017";

    /// <summary>A durable graph's <c>Json</c> context that does not cover its store type or an interrupt's request or answer type.</summary>
    public const string JsonContextMissingType = "KG0018";
    public const string InternalError = "KG0099";

    /// <summary><c>Thread.Sleep</c> in an async phase.</summary>
    public const string ThreadSleepInAsyncPhase = "KG1001";

    /// <summary>A synchronous wait on a task (<c>.Wait()</c>, <c>.Result</c>, <c>.GetAwaiter().GetResult()</c>, <c>Task.WaitAll/WaitAny</c>).</summary>
    public const string SyncWaitInAsyncPhase = "KG1002";

    /// <summary>A synchronous call that has an awaitable twin.</summary>
    public const string SyncCallWithAsyncTwin = "KG1003";

    /// <summary>A cancellation token in scope that is not passed to a call accepting one.</summary>
    public const string CancellationTokenNotPassed = "KG1004";

    /// <summary>An <c>async void</c> method, local function or lambda inside a node.</summary>
    public const string AsyncVoid = "KG1005";

    /// <summary>A blocking call in a synchronous phase of a node.</summary>
    public const string BlockingCallInSyncPhase = "KG1006";

    /// <summary>A string literal returned from post that no <c>[Next]</c> or <c>[End]</c> of the node declares.</summary>
    public const string UndeclaredActionReturned = "KG1007";

    /// <summary>A call from a node phase to a helper of the same compilation that blocks.</summary>
    public const string BlockingCallInHelper = "KG1008";

    /// <summary>A phase with a synchronous name (<c>Exec</c>) that returns a task, which the graph then never awaits.</summary>
    public const string SyncPhaseReturnsTask = "KG1009";

    /// <summary>An async phase without a <c>CancellationToken</c> (or <c>NodeContext</c>) parameter that calls an API accepting a token.</summary>
    public const string CancellationTokenParameterMissing = "KG1010";

    /// <summary>The help page of a diagnostic under docs/diagnostics.</summary>
    public static string HelpLink(string id) => "https://github.com/kaygraph/kaygraph-dotnet/blob/main/docs/diagnostics/" + id + ".md";
}
