namespace KayGraph.Analyzers;

/// <summary>What makes a call block the calling thread.</summary>
internal enum BlockingCallKind
{
    /// <summary><c>Thread.Sleep</c> with a non-zero duration.</summary>
    ThreadSleep,

    /// <summary><c>task.Wait()</c> (any overload without a zero timeout).</summary>
    TaskWait,

    /// <summary><c>task.Result</c> on a <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    TaskResult,

    /// <summary><c>task.GetAwaiter().GetResult()</c>.</summary>
    AwaiterGetResult,

    /// <summary><c>Task.WaitAll(...)</c>.</summary>
    WaitAll,

    /// <summary><c>Task.WaitAny(...)</c>.</summary>
    WaitAny,

    /// <summary>A synchronous method whose type has an awaitable twin (<c>M</c> → <c>MAsync</c>).</summary>
    SyncWithAsyncTwin,
}
