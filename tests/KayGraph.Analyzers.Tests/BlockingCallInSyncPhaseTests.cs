using System.Threading.Tasks;
using KayGraph.CodeFixes;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.BlockingCallInSyncPhaseAnalyzer>;
using VerifyFix = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Analyzers.BlockingCallInSyncPhaseAnalyzer, KayGraph.CodeFixes.MakePhaseAsyncCodeFix>;

namespace KayGraph.Analyzers.Tests;

public sealed class BlockingCallInSyncPhaseTests
{
    [Fact]
    public Task Reports_blocking_calls_in_sync_phases_as_info() => Verify.VerifyAsync("""
        [Node]
        public partial class Load
        {
            string Prep(object shared) { [|Thread.Sleep(10)|]; return "p"; }
            string Exec(string path) => [|File.ReadAllText(path)|];
            void Post(object shared, string prep, Task<int> exec) => Console.WriteLine([|exec.Result|]);
        }
        """);

    [Fact]
    public Task Message_names_the_api_the_phase_and_its_async_form() => Verify.VerifyAsync(
        """
        [Node]
        public partial class Load
        {
            void Exec() => {|#0:Thread.Sleep(10)|};
        }
        """,
        null,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.BlockingCallInSyncPhase)
            .WithLocation(0)
            .WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info)
            .WithArguments("Thread.Sleep", "Exec", "ExecAsync", "await Task.Delay"));

    [Fact]
    public Task Lambdas_non_phase_methods_zero_waits_and_non_nodes_are_not_reported() => Verify.VerifyAsync("""
        [Node]
        public partial class Load
        {
            string Exec(string path)
            {
                Func<string> later = () => File.ReadAllText(path);
                Thread.Sleep(0);
                Console.WriteLine("x");
                return later();
            }

            string Helper(string path) => File.ReadAllText(path);
        }

        public class NotANode
        {
            void Exec() => Thread.Sleep(10);
        }
        """);

    [Fact]
    public Task Fix_turns_the_phase_into_its_async_form_and_awaits_every_blocking_call() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Load
        {
            // reads the file
            string Exec(string path, CancellationToken ct)
            {
                [|Thread.Sleep(100)|];
                return [|File.ReadAllText(path)|];
            }

            void Post(object shared, string exec) => [|Thread.Sleep(1)|];
        }
        """,
        """
        [Node]
        public partial class Load
        {
            // reads the file
            async Task<string> ExecAsync(string path, CancellationToken ct)
            {
                await Task.Delay(100, ct);
                return await File.ReadAllTextAsync(path, ct);
            }

            async Task PostAsync(object shared, string exec) => await Task.Delay(1);
        }
        """,
        MakePhaseAsyncCodeFix.MakePhaseAsyncKey);

    [Fact]
    public Task Fix_keeps_modifiers_and_wraps_generic_results() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Load
        {
            private int Exec(Task<int> pending) => [|pending.Result|] + 1;
        }
        """,
        """
        [Node]
        public partial class Load
        {
            private async Task<int> ExecAsync(Task<int> pending) => await pending + 1;
        }
        """,
        MakePhaseAsyncCodeFix.MakePhaseAsyncKey);

    [Fact]
    public Task No_fix_when_the_async_form_exists_or_in_a_lock() => VerifyFix.VerifyNoFixAsync("""
        [Node]
        public partial class Load
        {
            private readonly object gate = new();

            void Prep(object shared)
            {
                lock (gate)
                {
                    [|Thread.Sleep(10)|];
                }
            }

            void Exec() => [|Thread.Sleep(10)|];

            Task ExecAsync() => Task.CompletedTask;
        }
        """);
}
