using System.Threading.Tasks;
using KayGraph.CodeFixes;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.CancellationTokenNotPassedAnalyzer>;
using VerifyFix = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Analyzers.CancellationTokenNotPassedAnalyzer, KayGraph.CodeFixes.PassCancellationTokenCodeFix>;

namespace KayGraph.Analyzers.Tests;

public sealed class CancellationTokenNotPassedTests
{
    private const string Api = """
        public static class Api
        {
            public static Task<int> Optional(string a, CancellationToken cancellationToken = default) => Task.FromResult(0);
            public static Task<int> TwoOptional(int a = 1, CancellationToken token = default) => Task.FromResult(a);
            public static Task<int> Overloaded(string a) => Task.FromResult(0);
            public static Task<int> Overloaded(string a, CancellationToken ct) => Task.FromResult(0);
            public static int Sync(string a) => 0;
            public static int Sync(string a, CancellationToken ct) => 0;
            public static int Other(string a) => 0;
            public static int Other(string a, int b, CancellationToken ct) => 0;
            public static Task<int> Old(string a) => Task.FromResult(0);
            [Obsolete] public static Task<int> Old(string a, CancellationToken ct) => Task.FromResult(0);
        }

        """;

    [Fact]
    public Task Reports_calls_that_accept_but_do_not_receive_the_token() => Verify.VerifyAsync(Api + """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(string path, CancellationToken ct)
            {
                int a = await [|Api.Optional(path)|];
                int b = await [|Api.Overloaded(path)|];
                int c = await [|Api.TwoOptional()|];
                await [|Task.Delay(10)|];
                return a + b + c;
            }

            int Exec(string path, CancellationToken ct) => [|Api.Sync(path)|];
        }
        """);

    [Fact]
    public Task Message_names_the_api_and_the_token() => Verify.VerifyAsync(
        Api + """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(string path, CancellationToken token) => await {|#0:Api.Optional(path)|};
        }
        """,
        null,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.CancellationTokenNotPassed).WithLocation(0).WithArguments("Api.Optional", "token"));

    [Fact]
    public Task Explicit_tokens_missing_tokens_and_non_matching_overloads_are_not_reported() => Verify.VerifyAsync(Api + """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(string path, CancellationToken ct)
            {
                int a = await Api.Optional(path, CancellationToken.None);
                int b = await Api.Overloaded(path, default);
                int c = Api.Other(path) + await Api.Old(path);
                return a + b + c;
            }

            async Task<int> PostAsync(object shared, string path) => await Api.Optional(path);
        }

        public class NotANode
        {
            async Task<int> ExecAsync(string path, CancellationToken ct) => await Api.Optional(path);
        }
        """);

    [Fact]
    public Task Discarded_unawaited_tasks_are_left_to_cs4014_and_blocking_calls_to_their_own_rules() => Verify.VerifyAsync(Api + """
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync(Task pending, CancellationToken ct)
            {
                #pragma warning disable CS4014
                Api.Optional("x");
                #pragma warning restore CS4014
                pending.Wait();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Option_extends_the_rule_to_async_methods_outside_nodes() => Verify.VerifyAsync(
        Api + """
        public class Service
        {
            async Task<int> RunAsync(CancellationToken ct) => await [|Api.Optional("x")|];
            int Run(CancellationToken ct) => Api.Sync("x");
        }
        """,
        "kaygraph.analyze_all_async_methods = true");

    [Fact]
    public Task Fix_passes_the_nearest_token_positionally_or_by_name() => VerifyFix.VerifyFixAsync(
        Api + """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(string path, CancellationToken ct)
            {
                int a = await [|Api.Optional(path)|];
                int b = await [|Api.Overloaded(path)|];
                int c = await [|Api.TwoOptional()|];
                Func<CancellationToken, Task> inner = async token => await [|Task.Delay(1)|];
                await inner(ct);
                return a + b + c;
            }
        }
        """,
        Api + """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(string path, CancellationToken ct)
            {
                int a = await Api.Optional(path, ct);
                int b = await Api.Overloaded(path, ct);
                int c = await Api.TwoOptional(token: ct);
                Func<CancellationToken, Task> inner = async token => await Task.Delay(1, token);
                await inner(ct);
                return a + b + c;
            }
        }
        """,
        PassCancellationTokenCodeFix.PassTokenKey);
}
