using System.Threading.Tasks;
using KayGraph.Analyzers.Tests.Verifiers;
using KayGraph.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.PartialDeclarationAnalyzer>;
using VerifyFix = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Analyzers.PartialDeclarationAnalyzer, KayGraph.CodeFixes.AddPartialCodeFix>;

namespace KayGraph.Analyzers.Tests;

/// <summary>KG0001 (the generator's companion analyzer) and its add-<c>partial</c> fix.</summary>
public sealed class PartialDeclarationTests
{
    [Fact]
    public Task Reports_every_node_and_graph_kind_that_is_not_partial() => Verify.VerifyAsync("""
        public sealed class S { }

        [Node] public class {|KG0001:A|} { void Post(S shared) { } }
        [BatchNode] public class {|KG0001:B|} { int[] Prep(S shared) => []; }
        [ParallelBatchNode] public class {|KG0001:C|} { int[] Prep(S shared) => []; }
        [Graph(typeof(A))] public class {|KG0001:G|} { }
        [BatchGraph(typeof(A))] public class {|KG0001:H|} { }
        [ParallelBatchGraph(typeof(A))] public class {|KG0001:I|} { }
        [Node] public record {|KG0001:R|} { void Post(S shared) { } }
        """);

    [Fact]
    public Task Message_names_the_class_and_what_cannot_be_generated() => Verify.VerifyAsync(
        """
        [Node] public class {|#0:Fetch|} { }
        [Graph(typeof(Fetch))] public class {|#1:Flow|} { }
        public class {|#2:Outer|}
        {
            [Node] public partial class Inner { }
        }
        """,
        null,
        new DiagnosticResult(DiagnosticDescriptors.NodeNotPartial).WithLocation(0).WithArguments("Fetch", "lifecycle glue"),
        new DiagnosticResult(DiagnosticDescriptors.NodeNotPartial).WithLocation(1).WithArguments("Flow", "graph runner"),
        new DiagnosticResult(DiagnosticDescriptors.NodeNotPartial).WithLocation(2).WithArguments("Outer", "lifecycle glue of nested 'Inner'"));

    [Fact]
    public Task Partial_classes_plain_classes_and_other_attributes_are_not_reported() => Verify.VerifyAsync("""
        [Node] public partial class A { }
        public static partial class Outer
        {
            [Graph(typeof(A))] internal sealed partial class Flow { }
        }

        public class Plain { }
        [Serializable] public class Data { }
        [Obsolete] public class Old { public class Child { } }
        """);

    [Fact]
    public Task Only_the_attributed_part_is_checked_the_compiler_reports_the_others() => Verify.VerifyAsync(
        """
        [Node] public partial class A { }
        public class {|CS0260:A|} { }
        """);

    [Fact]
    public Task Reported_diagnostic_can_be_suppressed_with_a_pragma() => Verify.VerifyAsync("""
        #pragma warning disable KG0001 // generated glue not wanted for this one
        [Node] public class A { }
        #pragma warning restore KG0001
        """);

    [Fact]
    public Task Adds_partial_after_the_other_modifiers() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public sealed class {|KG0001:Fetch|}
        {
            string Exec() => "data";
        }
        """,
        """
        [Node]
        public sealed partial class Fetch
        {
            string Exec() => "data";
        }
        """,
        AddPartialCodeFix.AddPartialKey);

    [Fact]
    public Task Without_modifiers_partial_takes_the_keyword_indentation_and_keeps_comments() => VerifyFix.VerifyFixAsync(
        """
        namespace Shop
        {
            /// <summary>Loads the page.</summary>
            [Node]
            class {|KG0001:Load|} // the first step
            {
                int Exec() => 1;
            }
        }
        """,
        """
        namespace Shop
        {
            /// <summary>Loads the page.</summary>
            [Node]
            partial class Load // the first step
            {
                int Exec() => 1;
            }
        }
        """,
        AddPartialCodeFix.AddPartialKey);

    [Fact]
    public Task Graph_with_a_semicolon_body_and_generic_node_get_partial() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        internal abstract class {|KG0001:Step|}<T>
        {
            int Exec() => 1;
        }

        [Graph(typeof(Step<int>))]
        internal class {|KG0001:Flow|};
        """,
        """
        [Node]
        internal abstract partial class Step<T>
        {
            int Exec() => 1;
        }

        [Graph(typeof(Step<int>))]
        internal partial class Flow;
        """,
        AddPartialKey);

    [Fact]
    public Task Nested_node_fixes_the_node_and_every_containing_class() => VerifyFix.VerifyFixAsync(
        """
        public static class {|KG0001:Outer|}
        {
            [Node]
            public class {|KG0001:Inner|}
            {
                int Exec() => 1;
            }
        }
        """,
        """
        public static partial class Outer
        {
            [Node]
            public partial class Inner
            {
                int Exec() => 1;
            }
        }
        """,
        AddPartialCodeFix.AddPartialKey);

    [Fact]
    public Task Two_nested_nodes_report_the_outer_class_twice_and_one_partial_fixes_both()
    {
        var test = VerifyFix.Create(
            """
            public class {|KG0001:{|KG0001:Outer|}|}
            {
                [Node] public partial class First { }
                [Node] public partial class Second { }
            }
            """,
            """
            public partial class Outer
            {
                [Node] public partial class First { }
                [Node] public partial class Second { }
            }
            """,
            AddPartialCodeFix.AddPartialKey);
        test.NumberOfIncrementalIterations = 1;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_in_solution_fixes_every_document()
    {
        var test = new CSharpCodeFixTest<PartialDeclarationAnalyzer, AddPartialCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = AddPartialCodeFix.AddPartialKey,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
            NumberOfIncrementalIterations = 3,
        };
        test.TestState.Sources.Add(TestSources.Usings + "[Node] public class {|KG0001:A|} { int Exec() => 1; }\n");
        test.TestState.Sources.Add(TestSources.Usings + "[Node] class {|KG0001:B|} { int Exec() => 2; }\n[Graph(typeof(A))] sealed class {|KG0001:Flow|} { }\n");
        test.FixedState.Sources.Add(TestSources.Usings + "[Node] public partial class A { int Exec() => 1; }\n");
        test.FixedState.Sources.Add(TestSources.Usings + "[Node] partial class B { int Exec() => 2; }\n[Graph(typeof(A))] sealed partial class Flow { }\n");
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
        AnalyzerTestSetup.Configure(test.TestState, null);
        return test.RunAsync();
    }

    [Fact]
    public void Descriptor_is_the_declaration_error_the_generator_documents()
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.NodeNotPartial;
        Assert.Equal("KG0001", descriptor.Id);
        Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        Assert.Equal("KayGraph.Declaration", descriptor.Category);
        Assert.Equal(new[] { "KG0001" }, new AddPartialCodeFix().FixableDiagnosticIds);
    }

    private const string AddPartialKey = AddPartialCodeFix.AddPartialKey;
}
