using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>Edits that do not touch a declaration leave every tracked generator step cached or unchanged.</summary>
public sealed class CachingTests
{
    private static readonly string[] TrackedStepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static readonly IncrementalStepRunReason[] AllowedReasons = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    public static IEnumerable<object[]> Edits() => new[]
    {
        new object[] { "add an unrelated file" },
        new object[] { "change a literal in a method body" },
        new object[] { "append a comment" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Unrelated_edit_leaves_every_tracked_step_cached_or_unchanged(string edit)
    {
        var compilation = GeneratorHarness.Compile(new[] { SnapshotInputs.SimpleNode, SnapshotInputs.Graphs, SnapshotInputs.BatchNodes });
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Contains(first.TrackedSteps.Keys, TrackedStepNames.Contains);

        var edited = Apply(compilation, edit);
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var ran = second.TrackedSteps.Where(s => TrackedStepNames.Contains(s.Key)).ToList();
        Assert.NotEmpty(ran);
        foreach (var (name, steps) in ran)
        {
            foreach (var step in steps)
            {
                foreach (var (_, reason) in step.Outputs)
                {
                    Assert.True(AllowedReasons.Contains(reason), $"Step '{name}' reported {reason} after the edit '{edit}'.");
                }
            }
        }

        if (edit != "add an unrelated file")
        {
            // The edited file's class was parsed again (not skipped) and produced an equal model.
            Assert.Contains(second.TrackedSteps[TrackingNames.NodeResults].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Unchanged);
        }

        Assert.Equal(
            first.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            second.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void Declaration_edit_is_seen_by_the_pipeline()
    {
        // The counterpart: renaming an action is a real change and must reach the generated code.
        var compilation = GeneratorHarness.Compile(new[] { SnapshotInputs.Graphs });
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var renamed = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.GetText().ToString().Replace("\"act\"", "\"acts\"", StringComparison.Ordinal)));

        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, renamed)).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.NodeResults].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("case \"acts\":", result.GeneratedSources.Single(s => s.HintName == "Graphs.AgentLoop.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_one_node_re_emits_only_the_graphs_that_reach_it()
    {
        const string Store = "public sealed class S { public int Value; }";
        const string First = """
            using KayGraph;
            [Node] [Next<A2>("go")] public partial class A1 { string Post(S shared) => "go"; }
            [Node] public partial class A2 { void Post(S shared) => shared.Value++; }
            [Graph(typeof(A1))] public partial class FirstFlow;
            """;
        const string Second = """
            using KayGraph;
            [Node] [Next<B2>] public partial class B1 { void Post(S shared) => shared.Value++; }
            [Node] public partial class B2 { void Post(S shared) => shared.Value--; }
            [Graph(typeof(B1))] public partial class SecondFlow;
            """;
        var compilation = GeneratorHarness.Compile(new[] { Store, First, Second });
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.ElementAt(1);
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(First.Replace("\"go\"", "\"went\"", StringComparison.Ordinal))));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var graphs = result.TrackedSteps[TrackingNames.BoundGraphs].SelectMany(s => s.Outputs)
            .Select(o => (Graph: ((Binding.BoundGraph)o.Value).Graph.Name, o.Reason))
            .ToDictionary(o => o.Graph, o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, graphs["FirstFlow"]);
        Assert.Contains(graphs["SecondFlow"], AllowedReasons);
        var nodes = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs)
            .Select(o => (Node: ((Models.NodeModel)o.Value).Name, o.Reason))
            .ToDictionary(o => o.Node, o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, nodes["A1"]);
        Assert.All(new[] { "A2", "B1", "B2" }, n => Assert.Contains(nodes[n], AllowedReasons));
    }

    [Fact]
    public void Tracked_step_outputs_hold_no_symbols_syntax_or_compilations()
    {
        var sources = new[] { SnapshotInputs.SimpleNode, SnapshotInputs.AsyncNodeWithEveryPhase, SnapshotInputs.Graphs, SnapshotInputs.BatchNodes, SnapshotInputs.BatchGraph, SnapshotInputs.Namespaces };
        var broken = DiagnosticMarkup.Parse(DiagnosticCases.Get("KG0013").Broken).Source;
        var compilation = GeneratorHarness.Compile(sources.Append(broken));

        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        var forbidden = new List<string>();
        var walked = 0;
        foreach (var (name, steps) in result.TrackedSteps.Where(s => TrackedStepNames.Contains(s.Key)))
        {
            foreach (var step in steps)
            {
                foreach (var (value, _) in step.Outputs)
                {
                    walked++;
                    forbidden.AddRange(ModelGraphWalker.FindForbidden(value, name));
                }
            }
        }

        Assert.True(walked > 10, $"Only {walked} step outputs were walked.");
        Assert.Empty(forbidden);
    }

    [Fact]
    public void Walker_finds_a_symbol_hidden_in_a_collection()
    {
        // Guards the walker itself: a symbol inside a list inside a tuple must be found.
        var compilation = GeneratorHarness.Compile(new[] { SnapshotInputs.SimpleNode });
        var symbol = compilation.GetTypeByMetadataName("Simple.Increment")!;

        var found = ModelGraphWalker.FindForbidden(("x", new List<object> { 1, symbol }), "root");

        Assert.Single(found);
    }

    private static CSharpCompilation Apply(CSharpCompilation compilation, string edit)
    {
        switch (edit)
        {
            case "add an unrelated file":
                return compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Elsewhere; public sealed class Unrelated { public int Value => 42; }", GeneratorHarness.ParseOptions(), "Unrelated.cs"));
            case "change a literal in a method body":
            {
                var tree = compilation.SyntaxTrees.First(t => t.GetText().ToString().Contains("value + 1", StringComparison.Ordinal));
                var text = tree.GetText().ToString();
                var edited = text.Replace("value + 1", "value + 2", StringComparison.Ordinal);
                Assert.Equal(text.Length, edited.Length);
                return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(edited)));
            }

            case "append a comment":
            {
                var tree = compilation.SyntaxTrees.First(t => t.GetText().ToString().Contains("AgentLoop", StringComparison.Ordinal));
                return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.GetText() + "\n// a trailing comment\n")));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(edit), edit, "Unknown edit.");
        }
    }
}
