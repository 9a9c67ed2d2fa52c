using Microsoft.CodeAnalysis;

namespace KayGraph.Analyzers;

/// <summary>The descriptors of every KayGraph analyzer diagnostic.</summary>
public static class DiagnosticDescriptors
{
    /// <summary>KG0001: a node or graph class, or a class containing one, is not <c>partial</c>.</summary>
    public static readonly DiagnosticDescriptor NodeNotPartial = Create(
        DiagnosticIds.NodeNotPartial,
        "KayGraph class must be partial",
        "'{0}' must be declared partial so KayGraph can generate its {1}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        "The generator adds the node's lifecycle glue or the graph's runner as another part of the class, and of every class that contains it. Without 'partial' it skips the class.");

    /// <summary>KG1001: <c>Thread.Sleep</c> in an async phase.</summary>
    public static readonly DiagnosticDescriptor ThreadSleepInAsyncPhase = Create(
        DiagnosticIds.ThreadSleepInAsyncPhase,
        "Thread.Sleep blocks an async phase",
        "'{0}' blocks the thread inside the async method '{1}'; use '{2}' instead",
        DiagnosticCategories.Async,
        DiagnosticSeverity.Warning,
        "Thread.Sleep holds a thread-pool thread for the whole duration and ignores cancellation. Inside an async phase, await Task.Delay with the phase's cancellation token.");

    /// <summary>KG1002: a synchronous wait on a task in an async phase.</summary>
    public static readonly DiagnosticDescriptor SyncWaitInAsyncPhase = Create(
        DiagnosticIds.SyncWaitInAsyncPhase,
        "Synchronous wait on a task in an async phase",
        "'{0}' blocks the thread inside the async method '{1}'; use '{2}' instead",
        DiagnosticCategories.Async,
        DiagnosticSeverity.Warning,
        "Waiting synchronously for a task blocks a thread, risks deadlocks and wraps exceptions in AggregateException. Await the task instead.");

    /// <summary>KG1003: a synchronous call that has an awaitable twin, in an async phase.</summary>
    public static readonly DiagnosticDescriptor SyncCallWithAsyncTwin = Create(
        DiagnosticIds.SyncCallWithAsyncTwin,
        "Synchronous call with an awaitable twin in an async phase",
        "'{0}' blocks the thread inside the async method '{1}'; use '{2}' instead",
        DiagnosticCategories.Async,
        DiagnosticSeverity.Warning,
        "The type offers an awaitable version of this method. Await it (passing the cancellation token) so the phase does not hold a thread while it waits for I/O.");

    /// <summary>KG1004: a cancellation token in scope that is not passed on.</summary>
    public static readonly DiagnosticDescriptor CancellationTokenNotPassed = Create(
        DiagnosticIds.CancellationTokenNotPassed,
        "Cancellation token not passed on",
        "'{0}' accepts a CancellationToken; pass '{1}'",
        DiagnosticCategories.Async,
        DiagnosticSeverity.Warning,
        "A call that accepts a CancellationToken keeps running after the graph run was cancelled unless the token in scope is passed to it.");

    /// <summary>KG1005: <c>async void</c> inside a node.</summary>
    public static readonly DiagnosticDescriptor AsyncVoid = Create(
        DiagnosticIds.AsyncVoid,
        "async void inside a node",
        "'{0}' is async void; return 'Task' so that its exceptions and completion reach the node",
        DiagnosticCategories.Async,
        DiagnosticSeverity.Warning,
        "Nobody can await an async void method: the node ends before it finishes, and its exceptions crash the process instead of reaching retries and fallbacks.");

    /// <summary>KG1006: a blocking call in a synchronous phase.</summary>
    public static readonly DiagnosticDescriptor BlockingCallInSyncPhase = Create(
        DiagnosticIds.BlockingCallInSyncPhase,
        "Blocking call in a synchronous phase",
        "'{0}' blocks the synchronous phase '{1}'; make it '{2}' and use '{3}'",
        DiagnosticCategories.Async,
        DiagnosticSeverity.Info,
        "A synchronous phase holds a thread of the async graph while it blocks. Turning the phase into its async form lets the graph await it.");

    /// <summary>KG1007: a returned action literal that no <c>[Next]</c> declares.</summary>
    public static readonly DiagnosticDescriptor UndeclaredActionReturned = Create(
        DiagnosticIds.UndeclaredActionReturned,
        "Returned action is not declared by any [Next]",
        "Post of '{0}' returns the action \"{1}\" that no [Next] declares (declared: {2})",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Warning,
        "An action with no successor ends the graph. Return a declared action (the generated Action member) or declare the transition with [Next].");

    /// <summary>KG1008: a node phase calls a helper that blocks.</summary>
    public static readonly DiagnosticDescriptor BlockingCallInHelper = Create(
        DiagnosticIds.BlockingCallInHelper,
        "Node phase calls a helper that blocks",
        "'{0}' blocks through the helper chain {1}; make the helpers async and await them",
        DiagnosticCategories.Async,
        DiagnosticSeverity.Info,
        "A helper method of the same project that a phase calls, directly or through other helpers, blocks the thread. Make the chain async.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>KG1009: a synchronously named phase returns a task.</summary>
    public static readonly DiagnosticDescriptor SyncPhaseReturnsTask = Create(
        DiagnosticIds.SyncPhaseReturnsTask,
        "Phase with a synchronous name returns a task",
        "'{0}' returns '{1}' but its name makes it the synchronous phase, so the graph never awaits it; rename it to '{2}'",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Warning,
        "Phases are sync or async by name. A method named Exec (Prep, Post, ...) is the synchronous phase: its result, here a task, is handed on as a value and never awaited, so its errors skip retries and the error hook and the graph moves on before the work ends. Name it ExecAsync.");

    /// <summary>KG1010: an async phase without a cancellation token calls APIs that accept one.</summary>
    public static readonly DiagnosticDescriptor CancellationTokenParameterMissing = Create(
        DiagnosticIds.CancellationTokenParameterMissing,
        "Async phase could take a CancellationToken",
        "'{0}' calls '{1}', which accepts a CancellationToken; add a CancellationToken parameter to '{0}' so the run's cancellation reaches it",
        DiagnosticCategories.Async,
        DiagnosticSeverity.Info,
        "An async phase may take the run's CancellationToken as its last parameter. Without it, the calls of the phase that accept a token keep running after the graph run was cancelled.");

    /// <summary>Every descriptor, for tests and documentation checks.</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> All = System.Collections.Immutable.ImmutableArray.Create(
        NodeNotPartial,
        ThreadSleepInAsyncPhase,
        SyncWaitInAsyncPhase,
        SyncCallWithAsyncTwin,
        CancellationTokenNotPassed,
        AsyncVoid,
        BlockingCallInSyncPhase,
        UndeclaredActionReturned,
        BlockingCallInHelper,
        SyncPhaseReturnsTask,
        CancellationTokenParameterMissing);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] customTags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: DiagnosticIds.HelpLink(id), customTags: customTags);
}
