using System;
using System.ComponentModel;
using System.Text.Json;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// A graph as the durable runtime drives it: its nodes by index, one node at a time, and its transitions. Generated graphs
/// implement it explicitly; <see cref="DurableRuntime"/> checkpoints between the nodes. Not meant to be called by hand.
/// </summary>
/// <typeparam name="TShared">The type of the shared store.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDurableGraph<TShared>
{
    /// <summary>The graph's id (its class name).</summary>
    string GraphId { get; }

    /// <summary>
    /// How a durable graph serializes its store, requests and answers (its <c>Json</c> context's options, or
    /// <see cref="DurableJson.ReflectionOptions"/>); <see langword="null"/> for a graph that is not durable itself (it runs
    /// durably only nested in a durable graph, with that graph's options).
    /// </summary>
    JsonSerializerOptions? SerializerOptions { get; }

    /// <summary>The graph's fingerprint: a hash of its node ids and edges, nested graphs included.</summary>
    string Fingerprint { get; }

    /// <summary>The number of nodes; the start is node 0.</summary>
    int NodeCount { get; }

    /// <summary>The id of node <paramref name="index"/>.</summary>
    /// <param name="index">The node's index.</param>
    /// <returns>The node's id.</returns>
    string NodeId(int index);

    /// <summary>The nested graph that node <paramref name="index"/> is, when it can be resumed inside; else <see langword="null"/>.</summary>
    /// <param name="index">The node's index.</param>
    /// <returns>The nested graph, or <see langword="null"/> for a plain node (or a batch graph, which runs as one step).</returns>
    IDurableGraph<TShared>? NestedGraph(int index);

    /// <summary>Runs node <paramref name="index"/> once (prep, exec with its retries, post) and returns its action.</summary>
    /// <param name="index">The node's index.</param>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The node's action.</returns>
    ValueTask<string?> RunNodeAsync(int index, TShared shared, NodeContext context);

    /// <summary>The node that follows node <paramref name="index"/> on <paramref name="action"/>, or -1 when the graph ends there.</summary>
    /// <param name="index">The node that ran.</param>
    /// <param name="action">The action it returned.</param>
    /// <param name="context">The run's context (an undeclared action is logged, or throws in strict mode).</param>
    /// <returns>The next node's index, or -1.</returns>
    int Next(int index, string? action, NodeContext context);

    /// <summary>A request or answer type of one of the graph's interrupts (nested graphs included), by full name.</summary>
    /// <param name="fullName">The type's full name.</param>
    /// <returns>The type, or <see langword="null"/>.</returns>
    Type? FindType(string fullName);
}
