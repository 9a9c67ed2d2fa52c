using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.BlockingHelperCallAnalyzer>;

namespace KayGraph.Analyzers.Tests;

public sealed class BlockingHelperCallTests
{
    [Fact]
    public Task Reports_the_call_in_the_phase_naming_the_helper_chain() => Verify.VerifyAsync(
        """
        public static class Store
        {
            public static void Save(string path, string text) => Write(path, text);
            private static void Write(string path, string text) => File.WriteAllText(path, text);
        }

        [Node]
        public partial class Report
        {
            async Task ExecAsync(string text)
            {
                {|#0:Persist(text)|};
                await Task.Yield();
            }

            string Post(object shared, string text) { {|#1:Pause()|}; return "done"; }

            void Persist(string text) => Store.Save("out.txt", text);

            static void Pause() => Thread.Sleep(100);
        }
        """,
        null,
        new DiagnosticResult(DiagnosticDescriptors.BlockingCallInHelper).WithLocation(0).WithSeverity(DiagnosticSeverity.Info)
            .WithArguments("Report.Persist", "Report.Persist → Store.Save → Store.Write → File.WriteAllText"),
        new DiagnosticResult(DiagnosticDescriptors.BlockingCallInHelper).WithLocation(1).WithSeverity(DiagnosticSeverity.Info)
            .WithArguments("Report.Pause", "Report.Pause → Thread.Sleep"));

    [Fact]
    public Task Recursive_helpers_terminate_and_non_blocking_helpers_are_not_reported() => Verify.VerifyAsync("""
        public static class Math2
        {
            public static int Even(int n) => n == 0 ? 1 : Odd(n - 1);
            public static int Odd(int n) => n == 0 ? 0 : Even(n - 1);
            public static async Task<int> FastAsync(Task<int> t) => await t;
        }

        [Node]
        public partial class Compute
        {
            async Task<int> ExecAsync(int n)
            {
                await Task.Yield();
                return Math2.Even(n) + await Math2.FastAsync(Task.FromResult(n)) + Local();

                int Local() { Thread.Sleep(10); return 0; }
            }
        }
        """);

    [Fact]
    public Task Calls_from_non_phase_methods_and_non_nodes_are_not_reported() => Verify.VerifyAsync("""
        public static class Slow
        {
            public static void Nap() => Thread.Sleep(100);
        }

        [Node]
        public partial class Compute
        {
            void Helper() => Slow.Nap();
        }

        public class NotANode
        {
            void Exec() => Slow.Nap();
        }
        """);

    [Fact]
    public Task Chains_deeper_than_the_limit_are_not_followed() => Verify.VerifyAsync("""
        public static class Deep
        {
            public static void L1() => L2();
            public static void L2() => L3();
            public static void L3() => L4();
            public static void L4() => L5();
            public static void L5() => L6();
            public static void L6() => L7();
            public static void L7() => L8();
            public static void L8() => L9();
            public static void L9() => Thread.Sleep(1);
        }

        [Node]
        public partial class Compute
        {
            void Exec() => Deep.L1();
            void Post(object shared) => [|Deep.L2()|];
        }
        """);
}
