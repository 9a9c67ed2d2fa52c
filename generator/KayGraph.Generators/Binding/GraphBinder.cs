using System.Collections.Generic;
using System.Linq;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;

namespace KayGraph.Generators.Binding;

/// <summary>
/// Binds a graph to the models of its nodes: the nodes reachable from its start (in a deterministic order), its shared
/// type, its constructor shape, the nodes it owns, its nested graphs, and the problems that keep it from running. The one
/// place that walks a graph: the emitter formats its result and the declaration analyzer reports its problems.
/// </summary>
internal static class GraphBinder
{
    /// <summary>Binds <paramref name="graph"/> against every model of the compilation, keyed by full name.</summary>
    public static BoundGraph Bind(NodeModel graph, IReadOnlyDictionary<string, NodeModel> models) =>
        Bind(graph, models, new HashSet<string>(System.StringComparer.Ordinal) { graph.FullName });

    private static BoundGraph Bind(NodeModel graph, IReadOnlyDictionary<string, NodeModel> models, HashSet<string> binding)
    {
        var problems = new List<GraphProblem>();
        var nodes = new List<NodeModel>();
        var seen = new HashSet<string>();
        var queue = new Queue<string>();
        var blocked = graph.HasErrors;
        if (graph.StartFullName is not null)
        {
            queue.Enqueue(graph.StartFullName);
            seen.Add(graph.StartFullName);
        }

        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!models.TryGetValue(name, out var node))
            {
                // Not a model of this compilation (a class the generator skips, such as one that is not partial: KG0001
                // is reported on it). The graph cannot run without it.
                blocked = true;
                continue;
            }

            nodes.Add(node);
            blocked |= node.HasErrors;
            foreach (var edge in node.Edges)
            {
                if (edge.TargetFullName is { } target && seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        // A nested graph whose own runner is not emitted cannot run as a node of this graph either. A graph that nests
        // itself (directly or not) is bound once.
        var nested = new List<BoundGraph>();
        foreach (var inner in nodes.Where(n => n.IsGraph))
        {
            if (binding.Add(inner.FullName))
            {
                var bound = Bind(inner, models, binding);
                binding.Remove(inner.FullName);
                nested.Add(bound);
                blocked |= !bound.CanEmit;
            }
        }

        var shared = graph.SharedType;
        var resolving = new HashSet<string> { graph.FullName };
        foreach (var node in nodes)
        {
            var needed = SharedOf(node, models, resolving);
            if (needed is null)
            {
                continue;
            }

            if (shared is null)
            {
                shared = needed;
            }
            else if (shared != needed)
            {
                blocked = true;
                problems.Add(new GraphProblem(DiagnosticIds.IncompatibleSharedTypes, node.FullName, Arguments(graph.Name, Display(shared), node.Name, Display(needed))));
            }
        }

        if (shared is null && nodes.Count > 0 && !blocked)
        {
            problems.Add(new GraphProblem(DiagnosticIds.SharedTypeUnknown, null, Arguments(graph.Name)));
        }

        foreach (var cycle in CyclesWithoutExit(nodes))
        {
            problems.Add(new GraphProblem(DiagnosticIds.CycleWithoutExit, null, Arguments(graph.Name, string.Join(" → ", cycle.Select(n => n.Name)))));
        }

        var canEmit = !blocked && shared is not null;
        var parameterless = nodes.Count > 0 && nodes.All(n => n.IsGraph ? nested.FirstOrDefault(b => b.Graph.FullName == n.FullName)?.HasParameterlessConstructor == true : n.HasParameterlessConstructor);
        var owned = new List<int>();
        if (!graph.IsDisposable && parameterless)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                if (nodes[i].IsGraph ? nested.FirstOrDefault(b => b.Graph.FullName == nodes[i].FullName)?.OwnsDisposables == true : nodes[i].IsDisposable)
                {
                    owned.Add(i);
                }
            }
        }

        var interrupts = nodes.Where(n => n.Interrupt is not null).Select(n => n.Interrupt!)
            .Concat(nested.SelectMany(n => n.Interrupts))
            .Distinct()
            .ToEquatableArray();
        return new BoundGraph(graph, nodes.ToEquatableArray(), shared, canEmit, parameterless, owned.ToEquatableArray(), nested.ToEquatableArray(), problems.ToEquatableArray(), interrupts, Fingerprint(nodes, nested));
    }

    private static EquatableArray<string> Arguments(params string[] arguments) => arguments.ToEquatableArray();

    /// <summary>
    /// A stable hash (FNV-1a, 64 bits, hex) of the graph's node ids and edges, nested graphs included: what a checkpoint's
    /// position depends on. Bodies, settings and types do not change it.
    /// </summary>
    private static string Fingerprint(List<NodeModel> nodes, List<BoundGraph> nested)
    {
        var text = new System.Text.StringBuilder();
        foreach (var node in nodes)
        {
            text.Append(node.Name).Append('{');
            foreach (var edge in node.Edges)
            {
                text.Append(edge.Action).Append("->").Append(edge.TargetName ?? "[End]").Append(';');
            }

            if (nested.FirstOrDefault(b => b.Graph.FullName == node.FullName) is { } inner)
            {
                text.Append('[').Append(inner.Fingerprint).Append(']');
            }

            text.Append('}');
        }

        var hash = 14695981039346656037UL;
        foreach (var c in text.ToString())
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A type name for messages: without the <c>global::</c> prefixes used in generated code.</summary>
    private static string Display(string typeName) => typeName.Replace("global::", string.Empty);

    /// <summary>The shared type a node or nested graph needs (null: any).</summary>
    public static string? SharedOf(NodeModel node, IReadOnlyDictionary<string, NodeModel> models, HashSet<string> resolving)
    {
        if (!node.IsGraph)
        {
            return node.SharedType;
        }

        if (node.SharedType is not null || !resolving.Add(node.FullName))
        {
            return node.SharedType;
        }

        string? found = null;
        var seen = new HashSet<string>();
        var queue = new Queue<string>();
        if (node.StartFullName is not null)
        {
            queue.Enqueue(node.StartFullName);
        }

        while (queue.Count > 0 && found is null)
        {
            var name = queue.Dequeue();
            if (!seen.Add(name) || !models.TryGetValue(name, out var inner))
            {
                continue;
            }

            found = SharedOf(inner, models, resolving);
            foreach (var edge in inner.Edges)
            {
                if (edge.TargetFullName is { } target)
                {
                    queue.Enqueue(target);
                }
            }
        }

        resolving.Remove(node.FullName);
        return found;
    }

    /// <summary>Whether a node's run can end the graph: its post may return an action it has no successor for.</summary>
    private static bool CanEnd(NodeModel node)
    {
        if (node.IsGraph)
        {
            return true; // a sub-graph's last action is not known statically
        }

        var post = node.Phase(PhaseKind.Post);
        var hasDefault = node.Edges.Any(e => e.Action == "default");
        return post?.Result == PostResult.String || !hasDefault || node.Edges.Any(e => e.IsEnd);
    }

    /// <summary>Strongly connected sets (with at least one internal edge) that no edge leaves and no member can end.</summary>
    private static IEnumerable<List<NodeModel>> CyclesWithoutExit(IReadOnlyList<NodeModel> nodes)
    {
        var index = nodes.Select((n, i) => (n.FullName, i)).ToDictionary(x => x.FullName, x => x.i);
        var components = new Tarjan(nodes, index).Run();
        foreach (var component in components)
        {
            var members = new HashSet<int>(component);
            var internalEdge = component.Any(i => nodes[i].Edges.Any(e => e.TargetFullName is { } n && index.TryGetValue(n, out var t) && members.Contains(t)));
            if (!internalEdge)
            {
                continue;
            }

            var leaves = component.Any(i => nodes[i].Edges.Any(e => e.TargetFullName is not { } n || !index.TryGetValue(n, out var t) || !members.Contains(t)));
            if (leaves || component.Any(i => CanEnd(nodes[i])))
            {
                continue;
            }

            yield return component.OrderBy(i => i).Select(i => nodes[i]).ToList();
        }
    }

    private sealed class Tarjan
    {
        private readonly IReadOnlyList<NodeModel> _nodes;
        private readonly Dictionary<string, int> _index;
        private readonly int[] _order;
        private readonly int[] _low;
        private readonly bool[] _onStack;
        private readonly Stack<int> _stack = new();
        private readonly List<List<int>> _components = new();
        private int _counter;

        public Tarjan(IReadOnlyList<NodeModel> nodes, Dictionary<string, int> index)
        {
            _nodes = nodes;
            _index = index;
            _order = Enumerable.Repeat(-1, nodes.Count).ToArray();
            _low = new int[nodes.Count];
            _onStack = new bool[nodes.Count];
        }

        public List<List<int>> Run()
        {
            for (var i = 0; i < _nodes.Count; i++)
            {
                if (_order[i] < 0)
                {
                    Visit(i);
                }
            }

            return _components;
        }

        private void Visit(int v)
        {
            _order[v] = _low[v] = _counter++;
            _stack.Push(v);
            _onStack[v] = true;
            foreach (var edge in _nodes[v].Edges)
            {
                if (edge.TargetFullName is not { } name || !_index.TryGetValue(name, out var w))
                {
                    continue;
                }

                if (_order[w] < 0)
                {
                    Visit(w);
                    _low[v] = System.Math.Min(_low[v], _low[w]);
                }
                else if (_onStack[w])
                {
                    _low[v] = System.Math.Min(_low[v], _order[w]);
                }
            }

            if (_low[v] == _order[v])
            {
                var component = new List<int>();
                int w;
                do
                {
                    w = _stack.Pop();
                    _onStack[w] = false;
                    component.Add(w);
                }
                while (w != v);
                _components.Add(component);
            }
        }
    }
}

/// <summary>
/// A graph bound to its nodes, as plain values: equal when nothing the graph reaches changed, so an edit to one node
/// re-emits only the graphs that reach it.
/// </summary>
/// <param name="Graph">The graph's own model.</param>
/// <param name="Nodes">The nodes reachable from the start, in breadth-first order (the constructor's parameter order).</param>
/// <param name="SharedType">The shared store type, when known.</param>
/// <param name="CanEmit">Whether the runner can be generated (else the graph gets members that throw when run).</param>
/// <param name="HasParameterlessConstructor">Whether every node (recursively) has a parameterless constructor.</param>
/// <param name="OwnedDisposables">Indexes of the nodes the parameterless constructor creates and the graph must release.</param>
/// <param name="Nested">The bound nested graphs, in the order they appear in <paramref name="Nodes"/>.</param>
/// <param name="Problems">Graph-level problems for the declaration analyzer.</param>
/// <param name="Interrupts">The distinct questions the graph's nodes ask, nested graphs included.</param>
/// <param name="Fingerprint">A hash of the node ids and edges (nested graphs included), checked when a run resumes.</param>
internal sealed record BoundGraph(
    NodeModel Graph,
    EquatableArray<NodeModel> Nodes,
    string? SharedType,
    bool CanEmit,
    bool HasParameterlessConstructor,
    EquatableArray<int> OwnedDisposables,
    EquatableArray<BoundGraph> Nested,
    EquatableArray<GraphProblem> Problems,
    EquatableArray<InterruptModel> Interrupts,
    string Fingerprint)
{
    /// <summary>Whether the graph releases nodes it created (and so implements <c>IAsyncDisposable</c>).</summary>
    public bool OwnsDisposables => OwnedDisposables.Count > 0;

    public int IndexOf(string fullName)
    {
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (Nodes[i].FullName == fullName)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The bound nested graph of a node that is a graph, if it was bound.</summary>
    public BoundGraph? NestedOf(NodeModel node)
    {
        foreach (var nested in Nested)
        {
            if (nested.Graph.FullName == node.FullName)
            {
                return nested;
            }
        }

        return null;
    }
}

/// <summary>A graph-level problem: a diagnostic id, the node it is about (or the graph itself), and the message arguments.</summary>
internal sealed record GraphProblem(string Id, string? CulpritFullName, EquatableArray<string> Arguments);
