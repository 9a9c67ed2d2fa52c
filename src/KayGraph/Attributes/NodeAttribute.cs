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

    /// <summary>Milliseconds waited between two attempts of the exec phase (the base of <see cref="Backoff"/>). Must not be negative. Default: 0.</summary>
    public int WaitMilliseconds { get; set; }

    /// <summary>
    /// How the wait grows with each retry: <see cref="KayGraph.Backoff.Constant"/> (default), <see cref="KayGraph.Backoff.Linear"/>
    /// (<c>Wait × n</c>) or <see cref="KayGraph.Backoff.Exponential"/> (<c>Wait × 2^(n-1)</c>). Anything but constant needs a
    /// positive <see cref="WaitMilliseconds"/>.
    /// </summary>
    public Backoff Backoff { get; set; }

    /// <summary>The cap on one wait, in milliseconds (0 = no cap). Must not be negative, nor smaller than <see cref="WaitMilliseconds"/>. Default: 0.</summary>
    public int MaxWaitMilliseconds { get; set; }

    /// <summary>
    /// Whether each wait is randomized (equal jitter: a wait <c>d</c> becomes <c>d/2 + random(0, d/2)</c>), so that many runs
    /// failing together do not retry together. Needs a positive <see cref="WaitMilliseconds"/>. Default: <see langword="false"/>.
    /// </summary>
    public bool Jitter { get; set; }

    /// <summary>
    /// How long one attempt of exec may run, in milliseconds (0 = no limit); batch nodes apply it to each item's attempts.
    /// When it elapses, the attempt's token is cancelled and the attempt fails with a <see cref="TimeoutException"/>, retried like
    /// any failure. Must not be negative. Default: 0.
    /// </summary>
    public int TimeoutMilliseconds { get; set; }

    /// <summary>
    /// The key of a Polly <c>ResiliencePipeline</c> that each exec attempt runs through, found in the
    /// <c>ResiliencePipelineProvider&lt;string&gt;</c> of the run's services (<c>RunOptions.Services</c>, or the
    /// <see cref="System.IServiceProvider"/> a generated graph was created from). Default: none.
    /// </summary>
    public string? Resilience { get; set; }
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
