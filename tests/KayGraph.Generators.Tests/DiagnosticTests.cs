using System.Linq;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>Every declaration diagnostic fires on the right span for broken input, and nothing fires for the fixed input.</summary>
public sealed class DiagnosticTests
{
    [Theory]
    [MemberData(nameof(DiagnosticCases.Ids), MemberType = typeof(DiagnosticCases))]
    public void Broken_input_reports_exactly_the_marked_diagnostics(string id)
    {
        var (source, expected) = DiagnosticMarkup.Parse(DiagnosticCases.Get(id).Broken);

        var run = GeneratorHarness.Run(source);

        var actual = run.GeneratorDiagnostics
            .Select(d => (d.Id, d.Location.SourceSpan, Path: (string?)d.Location.GetLineSpan().Path))
            .OrderBy(d => d.SourceSpan.Start)
            .ToList();
        Assert.Equal(expected.OrderBy(e => e.Span.Start).Select(e => (e.Id, e.Span, (string?)"Input0.cs")), actual);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(d.Id == "KG0012" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.Severity));
        Assert.All(run.GeneratorDiagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [MemberData(nameof(DiagnosticCases.Ids), MemberType = typeof(DiagnosticCases))]
    public void Broken_pieces_get_no_runnable_glue_and_what_is_emitted_compiles(string id)
    {
        var item = DiagnosticCases.Get(id);
        var (source, _) = DiagnosticMarkup.Parse(item.Broken);

        var run = GeneratorHarness.Run(source);

        foreach (var hint in item.NotGenerated)
        {
            var generated = run.GeneratedSources.Where(s => s.HintName == hint).Select(s => s.SourceText.ToString()).SingleOrDefault();
            Assert.True(generated is null || !generated.Contains("global::KayGraph.INode<", System.StringComparison.Ordinal), $"{hint} got runnable glue:\n{generated}");
        }

        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(run.ErrorsInGeneratedTrees);
    }

    [Theory]
    [MemberData(nameof(DiagnosticCases.Ids), MemberType = typeof(DiagnosticCases))]
    public void Fixed_input_reports_nothing_and_compiles_warning_free(string id)
    {
        var item = DiagnosticCases.Get(id);

        var run = GeneratorHarness.Run(item.Fixed);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerWarningsAndErrors);
        var hints = run.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.All(item.NotGenerated, hint => Assert.Contains(hint, hints));
    }

    [Theory]
    [InlineData("namespace ;\n[KayGraph.Node] public partial class A { void Post(object shared) { } }")]
    [InlineData("namespace Outer.\n{ [KayGraph.Node] public partial class A { void Post(object shared) { } } }")]
    public void A_namespace_whose_name_is_being_typed_generates_nothing(string source)
    {
        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.DriverDiagnostics);
    }

    [Theory]
    [InlineData("(string Rules, int Status) Exec(string url) => (url, 200);\n    (string, int) ExecFallback(string url, System.Exception error) => (url, 0);")]
    [InlineData("(string, int) Exec(string url) => (url, 200);\n    (string Rules, int Code) ExecFallback(string url, System.Exception error) => (url, 0);")]
    [InlineData("object Exec(string url) => url;\n    dynamic ExecFallback(string url, System.Exception error) => url;")]
    public void A_fallback_whose_value_is_exec_s_type_to_CSharp_is_accepted(string phases)
    {
        var source = "using KayGraph;\n[Node] public partial class Fetch\n{\n    string Prep(object shared) => \"u\";\n    " + phases + "\n}";

        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerWarningsAndErrors);
    }

    [Fact]
    public void A_fallback_of_another_tuple_type_is_still_KG0013()
    {
        var run = GeneratorHarness.Run("using KayGraph;\n[Node] public partial class Fetch\n{\n    string Prep(object shared) => \"u\";\n    (string, int) Exec(string url) => (url, 200);\n    (string, long) ExecFallback(string url, System.Exception error) => (url, 0);\n}");

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("KG0013", diagnostic.Id);
        Assert.Contains("but exec returns '(string, int)'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Node] public static partial class Util { }", "'Util' is static; ")]
    [InlineData("[Node] public partial class Box<T> { void Post(object shared) { } }", "'Box' is generic; ")]
    [InlineData("[Node] public partial class Load { static void Post(object shared) { } }", "'Load.Post' is static; ")]
    public void Signature_messages_name_the_class_or_its_phase(string declaration, string messageStart)
    {
        var run = GeneratorHarness.Run("using KayGraph;\n" + declaration);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("KG0013", diagnostic.Id);
        Assert.StartsWith(messageStart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Classes_that_are_not_partial_are_skipped_without_a_generator_diagnostic_and_their_graph_cannot_run()
    {
        // KG0001 itself comes from the companion analyzer (real source locations: suppressible and fixable); the graph
        // that reaches the class adds no diagnostic of its own.
        var run = GeneratorHarness.Run("""
            using KayGraph;

            public sealed class S { public int Value; }

            [Node]
            public class Plain
            {
                void Post(S shared) => shared.Value++;
            }

            public class Outer
            {
                [Node]
                public partial class Inner
                {
                    void Post(S shared) => shared.Value++;
                }
            }

            [Node]
            [Next<Plain>("plain")]
            public class Routed
            {
                string Post(S shared) => "plain";
            }

            [Graph(typeof(Plain))]
            public partial class Flow;

            [Graph(typeof(Plain))]
            public class NotPartialFlow;

            public static class Use
            {
                public static System.Threading.Tasks.ValueTask<string?> Run() => new Flow(plain: new Plain()).RunAsync(new S());
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        // Nothing is generated into a class that is not partial (that would be CS0260), even its Action enum or a graph's
        // members that throw.
        Assert.Empty(run.GeneratedSources.Where(s => s.HintName is "Plain.g.cs" or "Outer.Inner.g.cs" or "Routed.g.cs" or "NotPartialFlow.g.cs"));
        Assert.DoesNotContain("global::KayGraph.INode<", run.Source("Flow.g.cs"), System.StringComparison.Ordinal);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void An_outer_graph_whose_nested_graph_cannot_run_reports_only_the_nested_problem()
    {
        var (source, expected) = DiagnosticMarkup.Parse("""
            using KayGraph;

            public sealed class S { public int Value; }
            public sealed class T { public int Value; }

            [Node] [Next<B>] public partial class A { void Post(S shared) => shared.Value++; }
            [Node] public partial class B { void Post(T {|KG0009:shared|}) => shared.Value++; }

            [Graph(typeof(A))]
            public partial class Inner;

            [Graph(typeof(Inner), Shared = typeof(S))]
            public partial class Outer;
            """);

        var run = GeneratorHarness.Run(source);

        Assert.Equal(expected.Select(e => (e.Id, e.Span)), run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => (d.Id, d.Location.SourceSpan)));
        Assert.DoesNotContain("global::KayGraph.INode<", run.Source("Inner.g.cs"), System.StringComparison.Ordinal);
        Assert.DoesNotContain("global::KayGraph.INode<", run.Source("Outer.g.cs"), System.StringComparison.Ordinal);
        Assert.Empty(run.ErrorsInGeneratedTrees);
    }

    [Fact]
    public void One_mistake_gives_one_diagnostic_even_where_other_code_uses_the_broken_classes()
    {
        // The newcomer's pipeline: a KG0005 in one node used to add KG0015 and CS0117/CS1061/CS1739 wherever the graph, its
        // Mermaid, its Options, its constructor or the node's Action members were used.
        var (source, expected) = DiagnosticMarkup.Parse("""
            using System.Threading.Tasks;
            using KayGraph;

            public sealed class Doc { public string Text = ""; public bool Reviewed; }

            [Node]
            [Next<Review>("needs_review")]
            [Next<Publish>]
            public partial class Check
            {
                string Prep(Doc doc) => doc.Text;
                int Exec(string text) => text.Length;
                Action Post(Doc doc, string text, string {|KG0005:length|}) => text.Length > 3 ? Action.NeedsReview : Action.Default;
            }

            [Node] [Next<Publish>] public partial class Review { void Post(Doc doc) => doc.Reviewed = true; }
            [Node] public partial class Publish { void Post(Doc doc) => doc.Text += "!"; }

            [Graph(typeof(Check))]
            public partial class Pipeline;

            public static class Program
            {
                public static async Task<string?> Main()
                {
                    var flow = new Pipeline(check: new Check(), review: new Review(), publish: new Publish());
                    flow.Options = RunOptions.Default;
                    System.Console.WriteLine(Pipeline.Mermaid);
                    _ = new Pipeline();
                    return await flow.RunAsync(new Doc(), default);
                }
            }
            """);

        var run = GeneratorHarness.Run(source);

        Assert.Equal(expected.Select(e => (e.Id, e.Span)), run.GeneratorDiagnostics.Select(d => (d.Id, d.Location.SourceSpan)));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("NeedsReview,", run.Source("Check.g.cs"), System.StringComparison.Ordinal);
        Assert.Contains("throw new global::System.InvalidOperationException(", run.Source("Pipeline.g.cs"), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolved_types_keep_the_class_out_of_generated_code_without_a_KayGraph_diagnostic()
    {
        var run = GeneratorHarness.Run("""
            using KayGraph;

            [Node]
            public partial class Lost
            {
                int Prep(MissingStore shared) => 1;
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.GeneratedSources);
        Assert.Contains(run.Output.GetDiagnostics(), d => d.Id == "CS0246");
    }

    [Fact]
    public void Messages_name_the_symbols_involved()
    {
        var (source, _) = DiagnosticMarkup.Parse(DiagnosticCases.Get("KG0004").Broken);

        var message = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("Mismatch.Exec", message, System.StringComparison.Ordinal);
        Assert.Contains("int", message, System.StringComparison.Ordinal);
        Assert.Contains("string", message, System.StringComparison.Ordinal);
    }
}
