using System.Threading.Tasks;
using KayGraph.Analyzers.Tests.Verifiers;
using KayGraph.CodeFixes;
using KayGraph.Generators.Analysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyArgument = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Generators.Analysis.DeclarationAnalyzer, KayGraph.CodeFixes.InvalidAttributeArgumentCodeFix>;
using VerifyNext = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Generators.Analysis.DeclarationAnalyzer, KayGraph.CodeFixes.NextTargetNotNodeCodeFix>;
using VerifyPhase = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Generators.Analysis.DeclarationAnalyzer, KayGraph.CodeFixes.InvalidPhaseSignatureCodeFix>;
using VerifyShared = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Generators.Analysis.DeclarationAnalyzer, KayGraph.CodeFixes.SharedTypeUnknownCodeFix>;

namespace KayGraph.Analyzers.Tests;

/// <summary>The fixes of the declaration diagnostics (KG0006, KG0011, KG0013, KG0014), on the declaration analyzer's reports.</summary>
public sealed class DeclarationCodeFixTests
{
    // KG0006: [Next] target is not a node or graph → mark the target [Node] (and partial).

    [Fact]
    public Task Next_target_in_the_same_document_gets_node_and_partial() => VerifyNext.VerifyFixAsync(
        """
        public sealed class Store { }

        public sealed class Helper { void Post(Store shared) { } }

        [Node]
        [{|KG0006:Next<Helper>|}]
        public partial class Load { void Post(Store shared) { } }
        """,
        """
        public sealed class Store { }

        [Node]
        public sealed partial class Helper { void Post(Store shared) { } }

        [Node]
        [Next<Helper>]
        public partial class Load { void Post(Store shared) { } }
        """,
        NextTargetNotNodeCodeFix.MarkAsNodeKey);

    [Fact]
    public Task Next_target_in_another_document_is_marked_there_with_its_containing_class_and_the_using()
    {
        var test = new CSharpCodeFixTest<DeclarationAnalyzer, NextTargetNotNodeCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = NextTargetNotNodeCodeFix.MarkAsNodeKey,
        };
        const string load = """
            [Node]
            [{|KG0006:Next("more", typeof(Shop.Outer.Helper))|}]
            public partial class Load { void Post(object shared) { } }
            """;
        test.TestState.Sources.Add(("/Load.cs", TestSources.Usings + load));
        test.TestState.Sources.Add(("/Helper.cs", """
            namespace Shop
            {
                public static class Outer
                {
                    /// <summary>Helps.</summary>
                    public class Helper
                    {
                        int Exec() => 1;
                    }
                }
            }
            """));
        test.FixedState.Sources.Add(("/Load.cs", TestSources.Usings + load.Replace("{|KG0006:", string.Empty).Replace(")|}]", ")]")));
        test.FixedState.Sources.Add(("/Helper.cs", """
            using KayGraph;
            namespace Shop
            {
                public static partial class Outer
                {
                    /// <summary>Helps.</summary>
                    [Node]
                    public partial class Helper
                    {
                        int Exec() => 1;
                    }
                }
            }
            """));
        AnalyzerTestSetup.Configure(test.TestState, null);
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_marks_a_target_named_by_several_next_once()
    {
        var test = new CSharpCodeFixTest<DeclarationAnalyzer, NextTargetNotNodeCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = NextTargetNotNodeCodeFix.MarkAsNodeKey,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
        };
        test.TestState.Sources.Add(("/A.cs", TestSources.Usings + "[Node] [{|KG0006:Next<Helper>|}] public partial class A { int Exec() => 1; }\npublic class Helper { }\n"));
        test.TestState.Sources.Add(("/B.cs", TestSources.Usings + "[Node] [{|KG0006:Next<Helper>|}] [{|KG0006:Next<Other>(\"other\")|}] public partial class B { int Exec() => 2; }\nclass Other { }\n"));
        test.FixedState.Sources.Add(("/A.cs", TestSources.Usings + "[Node] [Next<Helper>] public partial class A { int Exec() => 1; }\n[Node]\npublic partial class Helper { }\n"));
        test.FixedState.Sources.Add(("/B.cs", TestSources.Usings + "[Node] [Next<Helper>] [Next<Other>(\"other\")] public partial class B { int Exec() => 2; }\n[Node]\npartial class Other { }\n"));
        AnalyzerTestSetup.Configure(test.TestState, null);
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_for_a_next_target_from_metadata_or_one_that_cannot_be_a_node() => VerifyNext.VerifyNoFixAsync("""
        public abstract class Base { }
        public static class Tools { }

        [Node]
        [{|KG0006:Next<System.Text.StringBuilder>|}]
        [{|KG0006:Next<Base>("base")|}]
        public partial class Load { int Exec() => 1; }
        """);

    // KG0011: invalid attribute argument → the nearest valid value.

    [Fact]
    public Task Invalid_arguments_become_the_nearest_valid_value() => VerifyArgument.VerifyFixAsync(
        """
        [Node({|KG0011:MaxRetries = 0|}, {|KG0011:WaitMilliseconds = -200|})]
        public partial class Fetch { int Exec() => 1; }

        [ParallelBatchNode({|KG0011:MaxConcurrency = -1|})]
        public partial class Each { int[] Prep(object shared) => []; int Exec(int item) => item; }
        """,
        """
        [Node(MaxRetries = 1, WaitMilliseconds = 0)]
        public partial class Fetch { int Exec() => 1; }

        [ParallelBatchNode(MaxConcurrency = 1)]
        public partial class Each { int[] Prep(object shared) => []; int Exec(int item) => item; }
        """,
        InvalidAttributeArgumentCodeFix.UseNearestValidValueKey);

    [Fact]
    public Task No_fix_when_the_invalid_value_is_a_constant_defined_elsewhere() => VerifyArgument.VerifyNoFixAsync("""
        public static class Settings { public const int Retries = 0; }

        [Node({|KG0011:MaxRetries = Settings.Retries|})]
        public partial class Fetch { int Exec() => 1; }
        """);

    /// <summary>
    /// KG0014 is a compilation-end (non-local) diagnostic: editors that only analyze the open document offer no light bulb
    /// for it, the testing library says so unless told; the fix applies where the diagnostic is computed with the whole
    /// compilation (dotnet format, full solution analysis).
    /// </summary>
    private static Task VerifyCompilationEnd(CSharpCodeFixTest<DeclarationAnalyzer, SharedTypeUnknownCodeFix, DefaultVerifier> test)
    {
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync();
    }

    // KG0014: graph's shared type cannot be inferred → Shared = typeof(the one store type in reach).

    [Fact]
    public Task Graph_gets_the_one_store_type_the_other_nodes_use() => VerifyCompilationEnd(VerifyShared.Create(
        """
        namespace Data { public sealed class Store { } }

        [Node] public partial class Load { void Post(Data.Store shared) { } }
        [Graph(typeof(Load))] public partial class Main;

        [Node] public partial class Tick { int Exec() => 1; }
        [Graph(typeof(Tick))] public partial class {|KG0014:Clock|};
        [Graph(typeof(Tick))] public partial class {|KG0014:Timer|};
        """,
        """
        namespace Data { public sealed class Store { } }

        [Node] public partial class Load { void Post(Data.Store shared) { } }
        [Graph(typeof(Load))] public partial class Main;

        [Node] public partial class Tick { int Exec() => 1; }
        [Graph(typeof(Tick), Shared = typeof(Data.Store))] public partial class Clock;
        [Graph(typeof(Tick), Shared = typeof(Data.Store))] public partial class Timer;
        """,
        SharedTypeUnknownCodeFix.SetSharedKey));

    [Fact]
    public Task No_shared_type_fix_when_two_store_types_or_none_are_in_reach() => VerifyCompilationEnd(VerifyShared.Create("""
        public sealed class Store { }
        public sealed class Other { }

        [Node] public partial class Load { void Post(Store shared) { } }
        [Node] public partial class Save { bool OnError(Other shared, Exception error) => false; }

        [Node] public partial class Tick { int Exec() => 1; }
        [Graph(typeof(Tick))] public partial class {|KG0014:Clock|};
        """,
        """
        public sealed class Store { }
        public sealed class Other { }

        [Node] public partial class Load { void Post(Store shared) { } }
        [Node] public partial class Save { bool OnError(Other shared, Exception error) => false; }

        [Node] public partial class Tick { int Exec() => 1; }
        [Graph(typeof(Tick))] public partial class {|KG0014:Clock|};
        """));

    // KG0013: a static phase → an instance method.

    [Fact]
    public Task Static_phases_become_instance_methods() => VerifyPhase.VerifyFixAsync(
        """
        [Node]
        public partial class Load
        {
            private static int {|KG0013:Exec|}() => 1;

            static void {|KG0013:Post|}(object shared, int value) { }
        }
        """,
        """
        [Node]
        public partial class Load
        {
            private int Exec() => 1;

            void Post(object shared, int value) { }
        }
        """,
        InvalidPhaseSignatureCodeFix.RemoveStaticKey);

    [Fact]
    public Task No_fix_for_a_static_phase_that_is_called_or_overloaded() => VerifyPhase.VerifyNoFixAsync("""
        [Node]
        public partial class Load
        {
            static int {|KG0013:Exec|}() => 1;
            static int Twice() => Exec() * 2;

            void Post(object shared) { }
            static void {|KG0013:Post|}(object shared, int value) { }
        }
        """);
}
