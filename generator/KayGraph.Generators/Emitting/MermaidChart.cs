using System.Collections.Generic;
using KayGraph.Generators.Binding;

namespace KayGraph.Generators.Emitting;

/// <summary>
/// Formats a bound graph as a Mermaid <c>flowchart TD</c>: the start marker, one box per node, each nested graph as a
/// <c>subgraph</c> with its own nodes, labelled edges, and an end marker for actions declared with <c>[End]</c>.
/// </summary>
internal static class MermaidChart
{
    public static string Write(BoundGraph graph)
    {
        var lines = new List<string> { "flowchart TD" };
        if (graph.Nodes.Count > 0)
        {
            lines.Add("    start((start)) --> n0");
        }

        WriteLevel(lines, graph, "n", "    ");
        return string.Join("\n", lines);
    }

    /// <summary>Writes the nodes and edges of one graph level; nested graphs become subgraphs whose ids extend <paramref name="prefix"/>.</summary>
    private static void WriteLevel(List<string> lines, BoundGraph graph, string prefix, string indent)
    {
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i];
            var id = prefix + i;
            if (node.IsGraph && graph.NestedOf(node) is { Nodes.Count: > 0 } nested)
            {
                lines.Add($"{indent}subgraph {id} [\"{Label(node.Name)}\"]");
                lines.Add($"{indent}    direction TB");
                WriteLevel(lines, nested, id + "_", indent + "    ");
                lines.Add($"{indent}end");
            }
            else
            {
                lines.Add(node.IsGraph ? $"{indent}{id}[[\"{Label(node.Name)}\"]]" : $"{indent}{id}[\"{Label(node.Name)}\"]");
            }
        }

        var endDrawn = false;
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            foreach (var edge in graph.Nodes[i].Edges)
            {
                string target;
                if (edge.TargetFullName is { } targetName)
                {
                    target = prefix + graph.IndexOf(targetName);
                }
                else
                {
                    target = prefix + "end";
                    if (!endDrawn)
                    {
                        target += "((end))";
                        endDrawn = true;
                    }
                }

                lines.Add(edge.Action == "default"
                    ? $"{indent}{prefix}{i} --> {target}"
                    : $"{indent}{prefix}{i} -->|\"{Label(edge.Action)}\"| {target}");
            }
        }
    }

    /// <summary>Text inside a Mermaid label: quotes as entities, line breaks as spaces (one statement per line).</summary>
    private static string Label(string text) =>
        text.Replace("\"", "#quot;").Replace("\r", " ").Replace("\n", " ");
}
