using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace KayGraph.Benchmarks.CompileTime;

/// <summary>
/// Writes the synthetic project of the compile-time benchmarks: <see cref="Graphs"/> files, each holding one graph of
/// <see cref="NodesPerGraph"/> nodes written in KayGraph's DSL (<c>[Node]</c>, <c>[Next]</c>, <c>[Graph]</c>), with the
/// shapes real projects mix: synchronous and asynchronous phases, nodes without prep, branches with named actions, retries
/// with a fallback. Posts choose their action with string literals (a form the DSL allows besides the generated
/// <c>Action</c> enum), so the user's code also compiles without the generator and the analyzer benchmark can run on
/// either compilation. Every source is deterministic, so every run compiles the same project.
/// </summary>
public static class SyntheticGraphSource
{
    /// <summary>The number of graphs (one file each).</summary>
    public const int Graphs = 50;

    /// <summary>The number of nodes per graph.</summary>
    public const int NodesPerGraph = 20;

    /// <summary>The total number of nodes.</summary>
    public const int Nodes = Graphs * NodesPerGraph;

    /// <summary>The body of the exec phase that <see cref="EditOneMethodBody"/> changes.</summary>
    private const string EditedExpression = "value + 1";

    /// <summary>Writes the sources: file name and text of each graph.</summary>
    /// <returns>One source per graph.</returns>
    public static IReadOnlyList<(string Path, string Text)> Create()
    {
        var sources = new List<(string Path, string Text)>(Graphs);
        for (var graph = 0; graph < Graphs; graph++)
        {
            sources.Add(($"Graph{graph:00}.cs", WriteGraph(graph)));
        }

        return sources;
    }

    /// <summary>
    /// The edit of the incremental benchmark: the same source with one method body changed (the exec of the first node of
    /// the first graph adds two instead of one) — an edit that changes no declaration, so the generator should regenerate
    /// nothing.
    /// </summary>
    /// <param name="text">The text of <c>Graph00.cs</c>.</param>
    /// <returns>The edited text.</returns>
    public static string EditOneMethodBody(string text)
    {
        var index = text.IndexOf(EditedExpression, System.StringComparison.Ordinal);
        return text.Substring(0, index) + "value + 2" + text.Substring(index + EditedExpression.Length);
    }

    private static string WriteGraph(int graph)
    {
        var builder = new StringBuilder(16 * 1024);
        builder.Append(CultureInfo.InvariantCulture, $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using KayGraph;

            namespace Synthetic.Graph{{graph:00}};

            public sealed class Store
            {
                public int Value;
                public List<string> Log = new();
            }

            [Graph(typeof(Node00))]
            public partial class Workflow{{graph:00}};

            """);
        for (var node = 0; node < NodesPerGraph; node++)
        {
            WriteNode(builder, node);
        }

        return builder.ToString();
    }

    private static void WriteNode(StringBuilder builder, int node)
    {
        var name = NodeName(node);
        var last = node == NodesPerGraph - 1;
        var branches = !last && node + 2 < NodesPerGraph;
        builder.AppendLine();
        switch (node % 4)
        {
            case 0:
                // Synchronous phases; post picks between the default successor and a "skip" branch.
                builder.AppendLine("[Node]");
                AppendNext(builder, node, last, branches);
                builder.Append(CultureInfo.InvariantCulture, $$"""
                    public partial class {{name}}
                    {
                        int Prep(Store shared) => shared.Value;

                        int Exec(int value) => {{EditedExpression}};

                    """);
                if (branches)
                {
                    builder.AppendLine("""
                            string? Post(Store shared, int prep, int exec)
                            {
                                shared.Value = exec;
                                return exec % 3 == 0 ? "skip" : null;
                            }
                        }
                        """);
                }
                else
                {
                    builder.AppendLine("""
                            void Post(Store shared, int prep, int exec) => shared.Value = exec;
                        }
                        """);
                }

                break;
            case 1:
                // Asynchronous exec with a cancellation token, no prep: post's second parameter is exec's result.
                builder.AppendLine("[Node]");
                AppendNext(builder, node, last, branches: false);
                builder.Append(CultureInfo.InvariantCulture, $$"""
                    public partial class {{name}}
                    {
                        async Task<string> ExecAsync(CancellationToken cancellationToken)
                        {
                            await Task.Delay(1, cancellationToken);
                            return "{{name}}";
                        }

                        void Post(Store shared, string text) => shared.Log.Add(text);
                    }

                    """);
                break;
            case 2:
                // Retries with a wait and a fallback; asynchronous prep and post.
                builder.AppendLine("[Node(MaxRetries = 3, WaitMilliseconds = 10)]");
                AppendNext(builder, node, last, branches);
                builder.Append(CultureInfo.InvariantCulture, $$"""
                    public partial class {{name}}
                    {
                        Task<int> PrepAsync(Store shared, CancellationToken cancellationToken) => Task.FromResult(shared.Value);

                        int Exec(int value)
                        {
                            if (value < 0)
                            {
                                throw new InvalidOperationException("negative");
                            }

                            return value * 2;
                        }

                        int ExecFallback(int value, Exception error) => 0;

                    """);
                if (branches)
                {
                    builder.AppendLine("""
                            ValueTask<string?> PostAsync(Store shared, int prep, int exec, CancellationToken cancellationToken)
                            {
                                shared.Value = exec;
                                return new ValueTask<string?>(exec > 1000 ? "skip" : null);
                            }
                        }
                        """);
                }
                else
                {
                    builder.AppendLine("""
                            Task PostAsync(Store shared, int prep, int exec, CancellationToken cancellationToken)
                            {
                                shared.Value = exec;
                                return Task.CompletedTask;
                            }
                        }
                        """);
                }

                break;
            default:
                // Prep and exec returning reference types, post returning nothing.
                builder.AppendLine("[Node]");
                AppendNext(builder, node, last, branches: false);
                builder.Append(CultureInfo.InvariantCulture, $$"""
                    public partial class {{name}}
                    {
                        string[] Prep(Store shared) => shared.Log.ToArray();

                        int Exec(string[] lines) => lines.Length;

                        void Post(Store shared, string[] lines, int count) => shared.Value += count;
                    }

                    """);
                break;
        }
    }

    private static void AppendNext(StringBuilder builder, int node, bool last, bool branches)
    {
        if (last)
        {
            return;
        }

        builder.AppendLine(CultureInfo.InvariantCulture, $"[Next<{NodeName(node + 1)}>]");
        if (branches)
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"[Next<{NodeName(node + 2)}>(\"skip\")]");
        }
    }

    private static string NodeName(int node) => "Node" + node.ToString("00", CultureInfo.InvariantCulture);
}
