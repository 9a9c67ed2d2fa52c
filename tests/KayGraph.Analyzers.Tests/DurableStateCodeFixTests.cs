using System.Linq;
using System.Threading.Tasks;
using KayGraph.Analyzers.Tests.Verifiers;
using KayGraph.CodeFixes;
using KayGraph.Generators.Analysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyContext = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Generators.Analysis.DeclarationAnalyzer, KayGraph.CodeFixes.JsonContextMissingTypeCodeFix>;
using VerifyField = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Generators.Analysis.DeclarationAnalyzer, KayGraph.CodeFixes.DurableStateNotRestorableCodeFix>;

namespace KayGraph.Analyzers.Tests;

/// <summary>The fixes of the durable-graph checks: KG0017 (a public field → an auto-property) and KG0018 (list the type on the context).</summary>
public sealed class DurableStateCodeFixTests
{
    /// <summary>A context written as the System.Text.Json source generator would complete it (that generator does not run here).</summary>
    private const string ContextBody = """
        {
            public FlowJson() : base(null) { }
            public static FlowJson Default { get; } = new();
            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    private const string Step = """
        [Node]
        public partial class Step
        {
            bool Exec(Interrupt<string, bool> ask) => ask.Ask("ok?");
            void Post(Job job, bool yes) => job.Count += yes ? 1 : 0;
        }

        """;

    /// <summary>Both are compilation-end diagnostics: the fix applies where the whole compilation is analyzed.</summary>
    private static Task VerifyCompilationEnd<TFix>(CSharpCodeFixTest<DeclarationAnalyzer, TFix, DefaultVerifier> test)
        where TFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync();
    }

    // KG0017: a public field of a durable store → an auto-property.

    [Fact]
    public Task Fields_become_auto_properties_with_their_attributes_and_initializers() => VerifyCompilationEnd(VerifyField.Create(
        """
        public sealed class Job
        {
            /// <summary>How many.</summary>
            public int {|KG0017:Count|} = 1;
            [System.ComponentModel.Description("x")] public string {|KG0017:Name|} = "";
            public double {|KG0017:Low|}, {|KG0017:High|};
            public Part Part { get; set; } = new();
        }

        public sealed class Part { public bool {|KG0017:Done|}; }

        [Node] public partial class Step { void Post(Job job) => job.Count++; }
        [Graph(typeof(Step), Durable = true)] public partial class Flow;
        """,
        """
        public sealed class Job
        {
            /// <summary>How many.</summary>
            public int Count { get; set; } = 1;
            [System.ComponentModel.Description("x")] public string Name { get; set; } = "";
            public double Low { get; set; }
            public double High { get; set; }
            public Part Part { get; set; } = new();
        }

        public sealed class Part { public bool Done { get; set; } }

        [Node] public partial class Step { void Post(Job job) => job.Count++; }
        [Graph(typeof(Step), Durable = true)] public partial class Flow;
        """,
        DurableStateNotRestorableCodeFix.FieldToPropertyKey));

    [Fact]
    public Task One_variable_of_a_split_declaration_keeps_the_others_as_a_field() => VerifyCompilationEnd(VerifyField.Create(
        """
        public sealed class Job
        {
            public int {|KG0017:Count|}, {|KG0017:Total|};
            [System.Text.Json.Serialization.JsonIgnore] public int Skipped;
        }

        [Node] public partial class Step { void Post(Job job) => job.Count++; }
        [Graph(typeof(Step), Durable = true)] public partial class Flow;
        """,
        """
        public sealed class Job
        {
            public int Count { get; set; }
            public int Total { get; set; }
            [System.Text.Json.Serialization.JsonIgnore] public int Skipped;
        }

        [Node] public partial class Step { void Post(Job job) => job.Count++; }
        [Graph(typeof(Step), Durable = true)] public partial class Flow;
        """,
        DurableStateNotRestorableCodeFix.FieldToPropertyKey));

    [Fact]
    public Task No_fix_for_a_field_passed_by_ref_or_a_case_that_is_not_a_field() => VerifyCompilationEnd(VerifyField.Create(
        """
        public sealed class Job
        {
            public int {|KG0017:Count|};
            public readonly int {|KG0017:Fixed|} = 2;
            public System.Collections.Generic.List<string> {|KG0017:Trail|} { get; } = new();
            public void Bump() => Interlocked.Increment(ref Count);
        }

        [Node] public partial class Step { void Post(Job job) => job.Bump(); }
        [Graph(typeof(Step), Durable = true)] public partial class Flow;
        """,
        """
        public sealed class Job
        {
            public int {|KG0017:Count|};
            public readonly int {|KG0017:Fixed|} = 2;
            public System.Collections.Generic.List<string> {|KG0017:Trail|} { get; } = new();
            public void Bump() => Interlocked.Increment(ref Count);
        }

        [Node] public partial class Step { void Post(Job job) => job.Bump(); }
        [Graph(typeof(Step), Durable = true)] public partial class Flow;
        """,
        DurableStateNotRestorableCodeFix.FieldToPropertyKey));

    [Fact]
    public Task A_store_of_a_graph_that_is_not_durable_is_not_checked() => VerifyField.Create(
        """
        public sealed class Job { public int Count; }

        [Node] public partial class Step { void Post(Job job) => job.Count++; }
        [Graph(typeof(Step))] public partial class Flow;
        """,
        """
        public sealed class Job { public int Count; }

        [Node] public partial class Step { void Post(Job job) => job.Count++; }
        [Graph(typeof(Step))] public partial class Flow;
        """).RunAsync();

    // KG0018: a type the Json context does not cover → [JsonSerializable(typeof(T))] on the context.

    [Fact]
    public Task Missing_types_are_listed_after_the_contexts_other_attributes() => VerifyCompilationEnd(VerifyContext.Create(
        """
        using System.Text.Json.Serialization;

        namespace Shop { public sealed class Job { public int Count { get; set; } } }

        [JsonSerializable(typeof(string))]
        public sealed class FlowJson : JsonSerializerContext
        """ + ContextBody + """

        [Node]
        public partial class Step
        {
            bool Exec(Interrupt<string, bool> ask) => ask.Ask("ok?");
            void Post(Shop.Job job, bool yes) => job.Count += yes ? 1 : 0;
        }

        [Graph(typeof(Step), Durable = true, {|KG0018:{|KG0018:Json = typeof(FlowJson)|}|})] public partial class Flow;
        [Graph(typeof(Step), Durable = true, {|KG0018:{|KG0018:Json = typeof(FlowJson)|}|})] public partial class Again;
        """,
        """
        using System.Text.Json.Serialization;

        namespace Shop { public sealed class Job { public int Count { get; set; } } }

        [JsonSerializable(typeof(string))]
        [JsonSerializable(typeof(Shop.Job))]
        [JsonSerializable(typeof(bool))]
        public sealed class FlowJson : JsonSerializerContext
        """ + ContextBody + """

        [Node]
        public partial class Step
        {
            bool Exec(Interrupt<string, bool> ask) => ask.Ask("ok?");
            void Post(Shop.Job job, bool yes) => job.Count += yes ? 1 : 0;
        }

        [Graph(typeof(Step), Durable = true, Json = typeof(FlowJson))] public partial class Flow;
        [Graph(typeof(Step), Durable = true, Json = typeof(FlowJson))] public partial class Again;
        """,
        JsonContextMissingTypeCodeFix.AddJsonSerializableKey));

    [Fact]
    public Task A_context_in_another_document_without_the_namespace_gets_a_qualified_attribute()
    {
        var test = new CSharpCodeFixTest<DeclarationAnalyzer, JsonContextMissingTypeCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = JsonContextMissingTypeCodeFix.AddJsonSerializableKey,
        };
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        const string flow = """
            public sealed class Job { public int Count { get; set; } }

            [Graph(typeof(Step), Durable = true, {|KG0018:{|KG0018:{|KG0018:Json = typeof(Serialization.FlowJson)|}|}|})]
            public partial class Flow;
            """;
        string context = """
            namespace Serialization
            {
                /// <summary>The flow's metadata.</summary>
                public sealed class FlowJson : System.Text.Json.Serialization.JsonSerializerContext
            """ + "\n    " + ContextBody.Replace("\n", "\n    ") + "\n}\n";
        test.TestState.Sources.Add(("/Flow.cs", TestSources.Usings + Step + flow));
        test.TestState.Sources.Add(("/FlowJson.cs", "using System;\n" + context));
        test.FixedState.Sources.Add(("/Flow.cs", TestSources.Usings + Step + flow.Replace("{|KG0018:{|KG0018:{|KG0018:", string.Empty).Replace("|}|}|}", string.Empty)));
        // The first fix lists its type as the context's first attribute, the next ones after the last listed.
        test.FixedState.Sources.Add(("/FlowJson.cs", "using System;\n" + Listed(context, "Job", "bool", "string")));
        AnalyzerTestSetup.Configure(test.TestState, null);
        return test.RunAsync();
    }

    private static string Listed(string context, params string[] types) => context.Replace(
        "    /// <summary>The flow's metadata.</summary>\n",
        "    /// <summary>The flow's metadata.</summary>\n" + string.Concat(types.Select(t => "    [System.Text.Json.Serialization.JsonSerializable(typeof(" + t + "))]\n")));
}
