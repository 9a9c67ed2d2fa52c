using System;

namespace KayGraph;

/// <summary>
/// Marks a <see langword="partial"/> class as a graph starting at <see cref="Start"/>. Its nodes are those reachable from the
/// start through <see cref="NextAttribute"/> declarations. The generator emits constructors, <c>RunAsync(shared, cancellationToken)</c>
/// returning the last action, and a <c>Mermaid</c> constant with the flowchart of the graph.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public class GraphAttribute : Attribute
{
    /// <summary>Declares a graph that starts at <paramref name="start"/>.</summary>
    /// <param name="start">The first node (or graph) to run.</param>
    public GraphAttribute(Type start)
    {
        Start = start;
    }

    /// <summary>The first node (or graph) to run.</summary>
    public Type Start { get; }

    /// <summary>The shared store type, when it cannot be inferred from the nodes' phase signatures.</summary>
    public Type? Shared { get; set; }

    /// <summary>
    /// Whether the graph runs durably: it gets <c>StartAsync(runId, shared, store)</c>, <c>ResumeAsync(runId, store)</c>, one
    /// typed <c>ResumeAsync(runId, answer, store)</c> per answer type of its interrupts, and a <c>Fingerprint</c> constant;
    /// a checkpoint is saved after every node's post. <c>RunAsync</c> still runs in memory without checkpoints.
    /// </summary>
    public bool Durable { get; set; }

    /// <summary>
    /// A source-generated <c>System.Text.Json.Serialization.JsonSerializerContext</c> covering the shared store and the
    /// interrupts' request and answer types, used instead of reflection (trim- and AOT-safe). Only with <see cref="Durable"/>.
    /// </summary>
    public Type? Json { get; set; }
}

/// <summary>
/// Marks a <see langword="partial"/> class as a batch graph (KayGraph's <c>BatchGraph</c>): the graph's <c>Prep</c>/<c>PrepAsync</c>
/// method yields parameter sets (<c>IEnumerable&lt;IReadOnlyDictionary&lt;string, object?&gt;&gt;</c>), and the sub-graph starting at
/// <see cref="GraphAttribute.Start"/> runs once per set, one after another, with the graph parameters merged with that set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public class BatchGraphAttribute : GraphAttribute
{
    /// <summary>Declares a batch graph whose sub-graph starts at <paramref name="start"/>.</summary>
    /// <param name="start">The first node of the sub-graph.</param>
    public BatchGraphAttribute(Type start)
        : base(start)
    {
    }
}

/// <summary>
/// Marks a <see langword="partial"/> class as a parallel batch graph (KayGraph's <c>AsyncParallelBatchGraph</c>): like
/// <see cref="BatchGraphAttribute"/>, but the parameter sets run concurrently, at most <see cref="MaxConcurrency"/> at a time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ParallelBatchGraphAttribute : BatchGraphAttribute
{
    /// <summary>Declares a parallel batch graph whose sub-graph starts at <paramref name="start"/>.</summary>
    /// <param name="start">The first node of the sub-graph.</param>
    public ParallelBatchGraphAttribute(Type start)
        : base(start)
    {
    }

    /// <summary>Maximum number of parameter sets in flight at once. Must be at least 1. Default: <see cref="int.MaxValue"/> (unbounded).</summary>
    public int MaxConcurrency { get; set; } = int.MaxValue;
}
