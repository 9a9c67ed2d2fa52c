using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.CancellationTokenParameterMissingAnalyzer>;

namespace KayGraph.Analyzers.Tests;

public sealed class CancellationTokenParameterMissingTests
{
    internal const string Api = """
        public static class Api
        {
            public static Task<int> Optional(string a, CancellationToken cancellationToken = default) => Task.FromResult(0);
            public static Task<int> TwoOptional(int a = 1, CancellationToken token = default) => Task.FromResult(a);
            public static Task<int> Overloaded(string a) => Task.FromResult(0);
            public static Task<int> Overloaded(string a, CancellationToken ct) => Task.FromResult(0);
            public static Task<int> Plain(string a) => Task.FromResult(0);
            public static Task<int> Old(string a) => Task.FromResult(0);
            [Obsolete] public static Task<int> Old(string a, CancellationToken ct) => Task.FromResult(0);
        }

        """;

    [Fact]
    public Task Reports_each_async_phase_once_on_its_name() => Verify.VerifyAsync(Api + """
        [Node]
        public partial class Fetch
        {
            async Task<string> {|#0:PrepAsync|}(object shared) { await Api.Optional("p"); return "p"; }

            async Task<int> {|#1:ExecAsync|}(string path)
            {
                int a = await Api.Optional(path);
                int b = await Api.Overloaded(path);
                return a + b;
            }

            async Task<int> {|#2:ExecFallbackAsync|}(string path, Exception error) => await Api.TwoOptional();

            async Task {|#3:PostAsync|}(object shared, string path, int exec) => await Task.Delay(10);
        }
        """,
        null,
        new DiagnosticResult(DiagnosticDescriptors.CancellationTokenParameterMissing).WithLocation(0).WithArguments("PrepAsync", "Api.Optional"),
        new DiagnosticResult(DiagnosticDescriptors.CancellationTokenParameterMissing).WithLocation(1).WithArguments("ExecAsync", "Api.Optional"),
        new DiagnosticResult(DiagnosticDescriptors.CancellationTokenParameterMissing).WithLocation(2).WithArguments("ExecFallbackAsync", "Api.TwoOptional"),
        new DiagnosticResult(DiagnosticDescriptors.CancellationTokenParameterMissing).WithLocation(3).WithArguments("PostAsync", "Task.Delay"));

    [Fact]
    public Task Calls_in_lambdas_and_local_functions_count_unless_they_have_a_token_of_their_own() => Verify.VerifyAsync(Api + """
        [Node]
        public partial class Fetch
        {
            async Task<int> {|#0:ExecAsync|}(string path)
            {
                Func<Task<int>> load = () => Api.Overloaded(path);
                return await load();
            }

            async Task<int> PostAsync(object shared, int exec)
            {
                Func<CancellationToken, Task<int>> own = token => Api.Overloaded("x");
                static Task<int> Detached(string p) => Api.Optional(p);
                return await own(default) + await Detached("y");
            }
        }
        """,
        null,
        new DiagnosticResult(DiagnosticDescriptors.CancellationTokenParameterMissing).WithLocation(0).WithArguments("ExecAsync", "Api.Overloaded"));

    [Fact]
    public Task Phases_that_have_a_token_or_a_context_or_cannot_take_one_are_not_reported() => Verify.VerifyAsync(Api + """
        [Node]
        public partial class WithToken
        {
            async Task<int> ExecAsync(string path, CancellationToken ct) => await Api.Optional(path, ct);
        }

        [Node]
        public partial class WithContext
        {
            async Task<int> ExecAsync(string path, NodeContext context) => await Api.Optional(path);
        }

        [Node]
        public partial class SyncPhases
        {
            string Prep(object shared) => Api.Optional("p").Result.ToString();
            int Exec(string path) => Api.Overloaded(path).GetAwaiter().GetResult();
        }

        [Node]
        public partial class ErrorHook
        {
            async Task<bool> OnErrorAsync(object shared, Exception error) { await Task.Delay(10); return false; }
        }

        public class NotANode
        {
            async Task<int> ExecAsync(string path) => await Api.Optional(path);
        }

        [Node]
        public partial class Helper
        {
            async Task<int> LoadAsync(string path) => await Api.Optional(path);
            static async Task<int> ExecAsync(string path) => await Api.Optional(path);
        }
        """);

    [Fact]
    public Task Phases_whose_calls_take_no_token_or_only_probe_with_a_zero_timeout_are_not_reported() => Verify.VerifyAsync(Api + """
        [Node]
        public partial class NoTokenApis
        {
            async Task<int> ExecAsync(string path) => await Api.Plain(path) + await Api.Old(path) + await Api.Optional(path, CancellationToken.None);
        }

        [Node]
        public partial class Probes
        {
            private readonly SemaphoreSlim gate = new(1);

            async Task<int> ExecAsync(string path)
            {
                if (!await gate.WaitAsync(0) || !gate.Wait(TimeSpan.Zero))
                {
                    return 0;
                }

                await Task.Delay(0);
                return 1;
            }
        }

        [Node]
        public partial class Blocking
        {
            async Task<int> ExecAsync(Task<int> pending)
            {
                pending.Wait();
                return pending.Result;
            }
        }

        [Node]
        public partial class Discarded
        {
            async Task ExecAsync(string path)
            {
                #pragma warning disable CS4014
                Api.Optional(path);
                #pragma warning restore CS4014
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Async_phase_returning_the_task_without_await_is_reported() => Verify.VerifyAsync(Api + """
        [Node]
        public partial class Fetch
        {
            Task<string> {|#0:ExecAsync|}(string path) => File.ReadAllTextAsync(path);
        }
        """,
        null,
        new DiagnosticResult(DiagnosticDescriptors.CancellationTokenParameterMissing).WithLocation(0).WithArguments("ExecAsync", "File.ReadAllTextAsync"));
}
