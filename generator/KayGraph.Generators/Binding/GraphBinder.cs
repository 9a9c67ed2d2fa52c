using System.Collections.Generic;
using System.Linq;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;

namespace KayGraph.Generators.Emitting;

/// <summary>
/// The resolved shape of one graph: its nodes (reachable from the start, in a deterministic order), its shared type and
/// the problems that prevent emitting it. The one place that walks a graph; the emitter and the diagnostics use it.
/// </summary>
internal sealed class GraphPlan
{
    private GraphPlan(NodeModel graph, List<NodeModel> nodes, string? shared, List<(DiagnosticDescriptorRef Descriptor, object?[] Arguments)> problems)
    {
        Graph = graph;
        Nodes = nodes;
        SharedType = shared;
        Problems = problems;
    }

    public NodeModel Graph { get; }

    public IReadOnlyList<NodeModel> Nodes { get; }

    public string? SharedType { get; }

    public IReadOnlyList<(DiagnosticDescriptorRef Descriptor, object?[] Arguments)> Problems { get; }

    /// <summary>Whether code can be emitted (errors block it; the cycle warning does not).</summary>
    public bool CanEmit => SharedType is not null && Problems.All(p => p.Descriptor != DiagnosticDescriptorRef.IncompatibleShared && p.Descriptor != DiagnosticDescriptorRef.MissingNode);

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

    public static GraphPlan Create(NodeModel graph, IReadOnlyDictionary<string, NodeModel> models) =>
        Create(graph, models, new HashSet<string>(System.StringComparer.Ordinal) { graph.FullName });

    private static GraphPlan Create(NodeModel graph, IReadOnlyDictionary<string, NodeModel> models, HashSet<string> planning)
    {
        var problems = new List<(DiagnosticDescriptorRef, object?[])>();
        var nodes = new List<NodeModel>();
        var seen = new HashSet<string>();
        var queue = new Queue<string>();
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
                // The node has declaration errors of its own (reported on it); the graph cannot be emitted without it.
                problems.Add((DiagnosticDescriptorRef.MissingNode, new object?[] { graph.Name, Display(name) }));
                continue;
            }

            nodes.Add(node);
            foreach (var edge in node.Edges)
            {
                if (seen.Add(edge.TargetFullName))
                {
                    queue.Enqueue(edge.TargetFullName);
                }
            }
        }

        // A nested graph whose own runner is not emitted cannot run as a node of this graph either.
        foreach (var nested in nodes.Where(n => n.IsGraph))
        {
            if (planning.Add(nested.FullName))
            {
                var inner = Create(nested, models, planning);
                planning.Remove(nested.FullName);
                if (!inner.CanEmit)
                {
                    problems.Add((DiagnosticDescriptorRef.MissingNode, new object?[] { graph.Name, Display(nested.FullName) }));
                }
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
                problems.Add((DiagnosticDescriptorRef.IncompatibleShared, new object?[] { graph.Name, Display(shared), node.Name, Display(needed) }));
            }
        }

        if (shared is null && nodes.Count > 0 && problems.Count == 0)
        {
            problems.Add((DiagnosticDescriptorRef.SharedUnknown, new object?[] { graph.Name }));
        }

        foreach (var cycle in CyclesWithoutExit(nodes))
        {
            problems.Add((DiagnosticDescriptorRef.CycleWithoutExit, new object?[] { graph.Name, string.Join(" → ", cycle.Select(n => n.Name)) }));
        }

        return new GraphPlan(graph, nodes, shared, problems);
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
                queue.Enqueue(edge.TargetFullName);
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
        return post?.Result == PostResult.String || !hasDefault;
    }

    /// <summary>Strongly connected sets (with at least one internal edge) that no edge leaves and no member can end.</summary>
    private static IEnumerable<List<NodeModel>> CyclesWithoutExit(List<NodeModel> nodes)
    {
        var index = nodes.Select((n, i) => (n.FullName, i)).ToDictionary(x => x.FullName, x => x.i);
        var components = new Tarjan(nodes, index).Run();
        foreach (var component in components)
        {
            var members = new HashSet<int>(component);
            var internalEdge = component.Any(i => nodes[i].Edges.Any(e => index.TryGetValue(e.TargetFullName, out var t) && members.Contains(t)));
            if (!internalEdge)
            {
                continue;
            }

            var leaves = component.Any(i => nodes[i].Edges.Any(e => !index.TryGetValue(e.TargetFullName, out var t) || !members.Contains(t)));
            if (leaves || component.Any(i => CanEnd(nodes[i])))
            {
                continue;
            }

            yield return component.OrderBy(i => i).Select(i => nodes[i]).ToList();
        }
    }

    private sealed class Tarjan
    {
        private readonly List<NodeModel> _nodes;
        private readonly Dictionary<string, int> _index;
        private readonly int[] _order;
        private readonly int[] _low;
        private readonly bool[] _onStack;
        private readonly Stack<int> _stack = new();
        private readonly List<List<int>> _components = new();
        private int _counter;

        public Tarjan(List<NodeModel> nodes, Dictionary<string, int> index)
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
                if (!_index.TryGetValue(edge.TargetFullName, out var w))
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

/// <summary>The graph-level problems a plan can find.</summary>
internal enum DiagnosticDescriptorRef
{
    MissingNode,
    IncompatibleShared,
    SharedUnknown,
    CycleWithoutExit,
}
