using System.Threading.Tasks;
using KayGraph.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.SyncPhaseReturnsTaskAnalyzer>;
using VerifyFix = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Analyzers.SyncPhaseReturnsTaskAnalyzer, KayGraph.CodeFixes.RenameToAsyncPhaseCodeFix>;

namespace KayGraph.Analyzers.Tests;

public sealed class SyncPhaseReturnsTaskTests
{
    [Fact]
    public Task Reports_sync_named_phases_that_return_tasks_in_every_node_kind() => Verify.VerifyAsync("""
        public sealed class S { }

        [Node]
        public partial class Fetch
        {
            Task<string> [|Prep|](S shared) => Task.FromResult("url");
            async Task<int> [|Exec|](string url) { await Task.Yield(); return url.Length; }
            ValueTask<int> [|ExecFallback|](string url, Exception error) => new(0);
            ValueTask [|Post|](S shared, string url, int length) => default;
            Task<bool> [|OnError|](S shared, Exception error) => Task.FromResult(false);
        }

        [BatchNode]
        public partial class Each
        {
            int[] Prep(S shared) => [1, 2];
            Task<int> [|Exec|](int item) => Task.FromResult(item);
        }
        """);

    [Fact]
    public Task Message_names_the_phase_its_type_and_the_async_name() => Verify.VerifyAsync(
        """
        [Node]
        public partial class Fetch
        {
            Task<int> {|#0:Exec|}() => Task.FromResult(1);
        }
        """,
        null,
        new DiagnosticResult(DiagnosticDescriptors.SyncPhaseReturnsTask).WithLocation(0).WithArguments("Exec", "Task<int>", "ExecAsync"));

    [Fact]
    public Task Async_names_sync_results_static_helpers_both_forms_and_non_nodes_are_not_reported() => Verify.VerifyAsync("""
        public sealed class S { }

        [Node]
        public partial class Correct
        {
            Task<int> ExecAsync() => Task.FromResult(1);
            int Prep(S shared) => 1;
            static Task Post(S shared) => Task.CompletedTask;
            Task<int> Helper() => Task.FromResult(2);
        }

        [Node]
        public partial class Both
        {
            Task<int> Exec() => Task.FromResult(1);
            Task<int> ExecAsync() => Task.FromResult(1);
        }

        public class NotANode
        {
            Task<int> Exec() => Task.FromResult(1);
        }
        """);

    [Fact]
    public Task Fix_renames_the_phase_to_its_async_name() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Fetch
        {
            /// <summary>Downloads.</summary>
            private async Task<int> [|Exec|](CancellationToken ct) // the slow part
            {
                await Task.Delay(1, ct);
                return 1;
            }
        }
        """,
        """
        [Node]
        public partial class Fetch
        {
            /// <summary>Downloads.</summary>
            private async Task<int> ExecAsync(CancellationToken ct) // the slow part
            {
                await Task.Delay(1, ct);
                return 1;
            }
        }
        """,
        RenameToAsyncPhaseCodeFix.RenameKey);

    [Fact]
    public Task Fix_all_renames_every_phase_of_the_document() => VerifyFix.VerifyFixAsync(
        """
        public sealed class S { }

        [Node]
        public partial class Fetch
        {
            Task<string> [|Prep|](S shared) => Task.FromResult("url");
            Task<int> [|Exec|](string url) => Task.FromResult(url.Length);
            Task [|Post|](S shared, string url, int length) => Task.CompletedTask;
        }
        """,
        """
        public sealed class S { }

        [Node]
        public partial class Fetch
        {
            Task<string> PrepAsync(S shared) => Task.FromResult("url");
            Task<int> ExecAsync(string url) => Task.FromResult(url.Length);
            Task PostAsync(S shared, string url, int length) => Task.CompletedTask;
        }
        """,
        RenameToAsyncPhaseCodeFix.RenameKey);

    [Fact]
    public Task No_fix_when_the_renamed_method_would_not_bind() => VerifyFix.VerifyNoFixAsync(
        """
        [Node]
        public partial class Fetch
        {
            Task<int> [|Exec|]() => Task.FromResult(1);
            int Twice() => Exec().Result * 2;
        }
        """);
}
