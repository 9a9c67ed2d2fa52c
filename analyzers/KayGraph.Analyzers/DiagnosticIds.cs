namespace KayGraph.Analyzers;

/// <summary>
/// The ids of the KayGraph analyzer diagnostics: the async pitfalls (KG1001..KG1099) and KG0001, the one declaration
/// diagnostic reported by an analyzer beside the generator (which owns the rest of KG0001..KG0999).
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A node or graph class, or a class containing one, that is not <c>partial</c>.</summary>
    public const string NodeNotPartial = "KG0001";

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

    /// <summary>A string literal returned from post that no <c>[Next]</c> of the node declares.</summary>
    public const string UndeclaredActionReturned = "KG1007";

    /// <summary>A call from a node phase to a helper of the same compilation that blocks.</summary>
    public const string BlockingCallInHelper = "KG1008";

    /// <summary>A phase with a synchronous name (<c>Exec</c>) that returns a task, which the graph then never awaits.</summary>
    public const string SyncPhaseReturnsTask = "KG1009";
}
