using System;

namespace KayGraph;

/// <summary>
/// Marks a <see langword="partial"/> class as a KayGraph node. The source generator discovers the phase methods
/// (<c>Prep</c>/<c>PrepAsync</c>, <c>Exec</c>/<c>ExecAsync</c>, <c>ExecFallback</c>/<c>ExecFallbackAsync</c>,
/// <c>Post</c>/<c>PostAsync</c>, <c>OnError</c>/<c>OnErrorAsync</c>) and emits the lifecycle glue and a nested
/// <c>Action</c> enum with one member per declared <see cref="NextAttribute"/> action.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public class NodeAttribute : Attribute
{
    /// <summary>Total number of attempts of the exec phase (1 = no retry). Must be at least 1. Default: 1.</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>Milliseconds waited between two attempts of the exec phase. Must not be negative. Default: 0.</summary>
    public int WaitMilliseconds { get; set; }
}

/// <summary>
/// Marks a <see langword="partial"/> class as a batch node: prep returns <see cref="System.Collections.Generic.IEnumerable{T}"/>
/// or <see cref="System.Collections.Generic.IAsyncEnumerable{T}"/>, exec runs once per item in order (each item with its own
/// retries) and post receives the results as an <see cref="System.Collections.Generic.IReadOnlyList{T}"/> in input order.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public class BatchNodeAttribute : NodeAttribute
{
}

/// <summary>
/// Marks a <see langword="partial"/> class as a parallel batch node: like <see cref="BatchNodeAttribute"/>, but the items run
/// concurrently, at most <see cref="MaxConcurrency"/> at a time. Results keep the input order.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ParallelBatchNodeAttribute : BatchNodeAttribute
{
    /// <summary>Maximum number of items in flight at once. Must be at least 1. Default: <see cref="int.MaxValue"/> (unbounded).</summary>
    public int MaxConcurrency { get; set; } = int.MaxValue;
}
