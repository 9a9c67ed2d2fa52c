using System.Threading.Tasks;
using KayGraph.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.UndeclaredActionAnalyzer>;
using VerifyFix = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Analyzers.UndeclaredActionAnalyzer, KayGraph.CodeFixes.UndeclaredActionCodeFix>;

namespace KayGraph.Analyzers.Tests;

public sealed class UndeclaredActionTests
{
    private const string Targets = """
        [Node] public partial class Deep { void Exec() { } }
        [Node] public partial class Standard { void Exec() { } }
        [Node] public partial class Review { void Exec() { } }

        """;

    [Fact]
    public Task Reports_literals_that_no_next_declares_in_every_form() => Verify.VerifyAsync(Targets + """
        [Node]
        [Next<Deep>("deep")]
        [Next("standard", typeof(Standard))]
        public partial class Route
        {
            string Post(object shared, int score)
            {
                if (score > 10)
                {
                    return [|"review"|];
                }

                return score > 2 ? "deep" : [|"standrad"|];
            }
        }

        [Node]
        [Next(typeof(Deep))]
        [Next<Standard>("standard")]
        public partial class Simple
        {
            async Task<string> PostAsync(object shared)
            {
                await Task.Yield();
                return shared is null ? "default" : shared is string ? "standard" : [|"other"|];
            }
        }

        [Node]
        [Next<Deep>]
        public partial class Switch
        {
            string Post(object shared, int n) => n switch { 0 => "default", _ => [|"odd"|] };
        }
        """);

    [Fact]
    public Task Message_names_the_node_the_literal_and_the_declared_actions() => Verify.VerifyAsync(
        Targets + """
        [Node]
        [Next<Deep>("deep")]
        [Next<Standard>]
        public partial class Route
        {
            string Post(object shared) => {|#0:"dep"|};
        }
        """,
        null,
        new DiagnosticResult(DiagnosticDescriptors.UndeclaredActionReturned).WithLocation(0).WithArguments("Route", "dep", "\"deep\", \"default\""));

    [Fact]
    public Task Nodes_without_next_lambdas_other_methods_and_non_nodes_are_not_reported() => Verify.VerifyAsync(Targets + """
        [Node]
        public partial class End
        {
            string Post(object shared) => "anything";
        }

        [Node]
        [Next<Deep>("deep")]
        public partial class Route
        {
            string Post(object shared)
            {
                Func<string> later = () => "elsewhere";
                return "deep";
            }

            string Describe() => "not a phase";
        }

        [Next<Deep>("deep")]
        public class NotANode
        {
            string Post(object shared) => "x";
        }
        """);

    [Fact]
    public Task Fix_uses_the_declared_spelling() => VerifyFix.VerifyFixAsync(
        Targets + """
        [Node]
        [Next<Deep>("deep_analysis")]
        public partial class Route
        {
            string Post(object shared) => [|"DeepAnalysis"|];
        }
        """,
        Targets + """
        [Node]
        [Next<Deep>("deep_analysis")]
        public partial class Route
        {
            string Post(object shared) => "deep_analysis";
        }
        """,
        UndeclaredActionCodeFix.UseDeclaredActionKey);

    [Fact]
    public Task Fix_uses_the_generated_action_member_when_it_binds()
    {
        var test = VerifyFix.Create(
            Targets + """
            [Node]
            [Next<Deep>("deep_analysis")]
            public partial class Route
            {
                Action Post(object shared) => [|"deep-analysis"|];
            }

            public partial class Route
            {
                public enum Action { Default, DeepAnalysis }
            }
            """,
            Targets + """
            [Node]
            [Next<Deep>("deep_analysis")]
            public partial class Route
            {
                Action Post(object shared) => Action.DeepAnalysis;
            }

            public partial class Route
            {
                public enum Action { Default, DeepAnalysis }
            }
            """,
            UndeclaredActionCodeFix.UseActionMemberKey);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_adds_the_missing_next_when_the_target_is_unambiguous() => VerifyFix.VerifyFixAsync(
        Targets + """
        [Node]
        [Next<Deep>("deep")]
        public partial class Route
        {
            string Post(object shared, int score) => score > 2 ? [|"review"|] : "deep";
        }
        """,
        Targets + """
        [Node]
        [Next<Deep>("deep")]
        [Next<Review>("review")]
        public partial class Route
        {
            string Post(object shared, int score) => score > 2 ? "review" : "deep";
        }
        """,
        UndeclaredActionCodeFix.AddNextKey);

    [Fact]
    public Task Fix_adds_the_typeof_form_before_csharp_11()
    {
        var test = VerifyFix.Create(
            Targets.Replace("[Node] public partial class Review", "[Node] public partial class Retry") + """
            [Node]
            [Next("deep", typeof(Deep))]
            public partial class Route
            {
                string Post(object shared) => [|"retry"|];
            }
            """,
            Targets.Replace("[Node] public partial class Review", "[Node] public partial class Retry") + """
            [Node]
            [Next("deep", typeof(Deep))]
            [Next("retry", typeof(Retry))]
            public partial class Route
            {
                string Post(object shared) => "retry";
            }
            """,
            UndeclaredActionCodeFix.AddNextKey);
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectParseOptions(projectId, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10)));
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_when_nothing_matches_and_the_target_is_ambiguous() => VerifyFix.VerifyNoFixAsync(Targets + """
        namespace Other
        {
            [Node] public partial class Review { void Exec() { } }
        }

        [Node]
        [Next<Deep>("deep")]
        public partial class Route
        {
            string Post(object shared) => [|"review"|];
        }
        """);
}
