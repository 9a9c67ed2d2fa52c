using System.Threading.Tasks;
using KayGraph.CodeFixes;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.ThreadSleepAnalyzer>;
using VerifyFix = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Analyzers.ThreadSleepAnalyzer, KayGraph.CodeFixes.ThreadSleepCodeFix>;

namespace KayGraph.Analyzers.Tests;

public sealed class ThreadSleepTests
{
    [Fact]
    public Task Reports_sleep_in_every_async_phase_of_every_node_kind() => Verify.VerifyAsync("""
        [Node]
        public partial class Fetch
        {
            async Task<int> PrepAsync(object shared) { [|Thread.Sleep(10)|]; await Task.Yield(); return 1; }
            async Task<int> ExecAsync(int input, CancellationToken ct) { {|KG1001:Thread.Sleep(TimeSpan.FromSeconds(1))|}; await Task.Yield(); return input; }
            async Task PostAsync(object shared, int prep, int exec) { [|Thread.Sleep(5)|]; await Task.Yield(); }
        }

        [BatchNode]
        public partial class Many
        {
            async ValueTask<int> ExecAsync(int item) { [|System.Threading.Thread.Sleep(1)|]; await Task.Yield(); return item; }
            async Task<int> ExecFallbackAsync(int item, Exception error) { [|Thread.Sleep(1)|]; await Task.Yield(); return 0; }
        }

        [ParallelBatchNode]
        public partial class Parallel
        {
            async Task<bool> OnErrorAsync(object shared, Exception error) { [|Thread.Sleep(1)|]; await Task.Yield(); return false; }
        }
        """);

    [Fact]
    public Task Reports_sleep_in_async_lambdas_and_local_functions_inside_a_phase() => Verify.VerifyAsync("""
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync()
            {
                await Task.Run(async () => { [|Thread.Sleep(10)|]; await Task.Yield(); });
                await Local();

                async Task Local() { [|Thread.Sleep(10)|]; await Task.Yield(); }
            }
        }
        """);

    [Fact]
    public Task Message_names_the_api_the_method_and_the_replacement() => Verify.VerifyAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync() { {|#0:Thread.Sleep(10)|}; await Task.Yield(); }
        }
        """,
        null,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.ThreadSleepInAsyncPhase).WithLocation(0).WithArguments("Thread.Sleep", "ExecAsync", "await Task.Delay"));

    [Fact]
    public Task Sync_lambdas_and_local_functions_inside_an_async_phase_are_not_async_contexts() => Verify.VerifyAsync("""
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync()
            {
                await Task.Run(() => Thread.Sleep(10));
                Action callback = () => Thread.Sleep(10);
                Local();
                await Task.Yield();

                void Local() => Thread.Sleep(10);
            }
        }
        """);

    [Fact]
    public Task Zero_sleeps_only_yield() => Verify.VerifyAsync("""
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync()
            {
                Thread.Sleep(0);
                Thread.Sleep(TimeSpan.Zero);
                Thread.Sleep(TimeSpan.FromMilliseconds(0));
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Code_that_never_runs_is_not_reported() => Verify.VerifyAsync("""
        using System.Linq.Expressions;

        [Node]
        public partial class Fetch
        {
            async Task ExecAsync()
            {
                string name = nameof(Thread.Sleep);
                Expression<Action> tree = () => Thread.Sleep(10);
                [Obsolete(nameof(Thread.Sleep))] void Local() { }
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Code_outside_nodes_and_non_phase_methods_are_not_reported() => Verify.VerifyAsync("""
        public class NotANode
        {
            async Task ExecAsync() { Thread.Sleep(10); await Task.Yield(); }
        }

        [Node]
        public partial class Fetch
        {
            async Task HelperAsync() { Thread.Sleep(10); await Task.Yield(); }
            static async Task ExecAsync() { Thread.Sleep(10); await Task.Yield(); }
        }
        """);

    [Fact]
    public Task Option_extends_the_rule_to_every_async_method() => Verify.VerifyAsync(
        """
        public class NotANode
        {
            async Task RunAsync() { [|Thread.Sleep(10)|]; await Task.Yield(); }
            void Sync() => Thread.Sleep(10);
        }
        """,
        "kaygraph.analyze_all_async_methods = true");

    [Fact]
    public Task Sleep_in_a_lock_body_is_reported_but_not_fixed() => VerifyFix.VerifyNoFixAsync("""
        [Node]
        public partial class Fetch
        {
            private readonly object gate = new();

            async Task ExecAsync(CancellationToken ct)
            {
                lock (gate)
                {
                    [|Thread.Sleep(10)|];
                }

                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Fix_awaits_task_delay_with_the_phase_token() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(int input, CancellationToken ct)
            {
                // wait a little
                [|Thread.Sleep(500)|]; // trailing comment
                return input;
            }
        }
        """,
        """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(int input, CancellationToken ct)
            {
                // wait a little
                await Task.Delay(500, ct); // trailing comment
                return input;
            }
        }
        """,
        ThreadSleepCodeFix.AwaitDelayKey);

    [Fact]
    public Task Fix_without_token_awaits_task_delay_alone() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync()
            {
                [|Thread.Sleep(TimeSpan.FromSeconds(1))|];
            }
        }
        """,
        """
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync()
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
        """,
        ThreadSleepCodeFix.AwaitDelayKey);

    [Fact]
    public Task Fix_uses_the_token_of_the_nearest_lambda() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync(CancellationToken outer)
            {
                Func<CancellationToken, Task> work = async inner => { [|Thread.Sleep(1)|]; await Task.Yield(); };
                await work(outer);
            }
        }
        """,
        """
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync(CancellationToken outer)
            {
                Func<CancellationToken, Task> work = async inner => { await Task.Delay(1, inner); await Task.Yield(); };
                await work(outer);
            }
        }
        """,
        ThreadSleepCodeFix.AwaitDelayKey);

    [Fact]
    public Task Second_fix_adds_a_token_parameter_to_the_phase_and_passes_it() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(int input)
            {
                [|Thread.Sleep(500)|];
                return input;
            }
        }
        """,
        """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(int input, CancellationToken cancellationToken)
            {
                await Task.Delay(500, cancellationToken);
                return input;
            }
        }
        """,
        ThreadSleepCodeFix.AddTokenParameterKey);

    [Fact]
    public Task Fix_adds_the_tasks_using_when_missing()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<ThreadSleepAnalyzer, ThreadSleepCodeFix, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = """
                using System.Threading;
                using KayGraph;

                [Node]
                public partial class Fetch
                {
                    async System.Threading.Tasks.Task ExecAsync(CancellationToken ct)
                    {
                        [|Thread.Sleep(10)|];
                    }
                }
                """,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;
                using KayGraph;

                [Node]
                public partial class Fetch
                {
                    async System.Threading.Tasks.Task ExecAsync(CancellationToken ct)
                    {
                        await Task.Delay(10, ct);
                    }
                }
                """,
            ReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = ThreadSleepCodeFix.AwaitDelayKey,
        };
        Verifiers.AnalyzerTestSetup.Configure(test.TestState, null);
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_rewrites_every_sleep_in_the_document() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync(CancellationToken ct)
            {
                [|Thread.Sleep(1)|];
                [|Thread.Sleep(2)|];
            }

            async Task PostAsync(object shared, CancellationToken ct)
            {
                [|Thread.Sleep(3)|];
            }
        }
        """,
        """
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync(CancellationToken ct)
            {
                await Task.Delay(1, ct);
                await Task.Delay(2, ct);
            }

            async Task PostAsync(object shared, CancellationToken ct)
            {
                await Task.Delay(3, ct);
            }
        }
        """,
        ThreadSleepCodeFix.AwaitDelayKey);
}
