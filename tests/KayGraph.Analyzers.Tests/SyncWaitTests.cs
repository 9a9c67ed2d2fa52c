using System.Threading.Tasks;
using KayGraph.CodeFixes;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.SyncWaitAnalyzer>;
using VerifyFix = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Analyzers.SyncWaitAnalyzer, KayGraph.CodeFixes.SyncWaitCodeFix>;

namespace KayGraph.Analyzers.Tests;

public sealed class SyncWaitTests
{
    [Fact]
    public Task Reports_every_kind_of_synchronous_wait() => Verify.VerifyAsync("""
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(Task<int> a, Task b, ValueTask<int> v, ValueTask w)
            {
                [|b.Wait()|];
                [|b.Wait(100)|];
                int x = [|a.Result|];
                int y = [|a.GetAwaiter().GetResult()|];
                int z = [|a.ConfigureAwait(false).GetAwaiter().GetResult()|];
                int r = [|v.Result|];
                [|w.GetAwaiter().GetResult()|];
                [|Task.WaitAll(a, b)|];
                int i = [|Task.WaitAny(a, b)|];
                await Task.Yield();
                return x + y + z + r + i;
            }
        }
        """);

    [Fact]
    public Task Message_names_the_api_and_the_replacement() => Verify.VerifyAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync(Task[] tasks) { {|#0:Task.WaitAll(tasks)|}; await Task.Yield(); }
        }
        """,
        null,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.SyncWaitInAsyncPhase).WithLocation(0).WithArguments("Task.WaitAll", "ExecAsync", "await Task.WhenAll"));

    [Fact]
    public Task Tasks_known_to_be_complete_are_not_reported() => Verify.VerifyAsync("""
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(Task<int> a, Task<int> b, Task<int> c, Task d)
            {
                await a;
                int x = a.Result;
                await Task.WhenAll(b, c).ConfigureAwait(false);
                int y = b.Result + c.GetAwaiter().GetResult();
                int z = Task.FromResult(3).Result;
                Task.CompletedTask.Wait();
                Task<int> done = Task.FromResult(4);
                int w = done.Result;
                await d;
                d.Wait();
                return x + y + z + w;
            }

            async Task<int> PostAsync(object shared, Task<int> t)
            {
                int a = 0;
                if (t.IsCompleted)
                {
                    a = t.Result;
                }

                int b = t.IsCompletedSuccessfully ? t.Result : 0;
                int c = t.IsCompleted && t.Result > 0 ? 1 : 0;
                await Task.Yield();
                return a + b + c;
            }
        }
        """);

    [Fact]
    public Task After_await_exemption_holds_for_task_never_for_value_task_nor_after_reassignment() => Verify.VerifyAsync("""
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(ValueTask<int> v, Task<int> t, Func<Task<int>> next)
            {
                await v;
                int x = [|v.Result|];
                await t;
                t = next();
                int y = [|t.Result|];
                if (!t.IsCompleted)
                {
                    y += [|t.Result|];
                }

                return x + y;
            }
        }
        """);

    [Fact]
    public Task Zero_timeouts_are_not_waits() => Verify.VerifyAsync("""
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync(Task t, Task[] all)
            {
                bool done = t.Wait(0);
                done |= t.Wait(TimeSpan.Zero);
                done |= Task.WaitAll(all, 0);
                int any = Task.WaitAny(all, TimeSpan.Zero);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Sync_lambdas_nameof_and_code_outside_nodes_are_not_reported() => Verify.VerifyAsync("""
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(Task<int> t)
            {
                Func<int> read = () => t.Result;
                string name = nameof(t.Result);
                await Task.Yield();
                return read();
            }
        }

        public class Plain
        {
            async Task<int> ExecAsync(Task<int> t) { await Task.Yield(); return t.Result; }
        }
        """);

    [Fact]
    public Task Fix_awaits_each_kind_of_wait() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(Func<Task<int>> make, Task b, Task c)
            {
                [|b.Wait()|];
                int x = [|make().Result|] + 1;
                int y = [|make().ConfigureAwait(false).GetAwaiter().GetResult()|];
                string s = [|make().Result|].ToString();
                [|Task.WaitAll(b, c)|];
                [|Task.WaitAny(b, c)|];
                return x + y + s.Length;
            }
        }
        """,
        """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(Func<Task<int>> make, Task b, Task c)
            {
                await b;
                int x = await make() + 1;
                int y = await make().ConfigureAwait(false);
                string s = (await make()).ToString();
                await Task.WhenAll(b, c);
                await Task.WhenAny(b, c);
                return x + y + s.Length;
            }
        }
        """,
        SyncWaitCodeFix.AwaitKey);

    [Fact]
    public Task Waits_with_timeouts_and_used_wait_any_results_are_reported_but_not_fixed() => VerifyFix.VerifyNoFixAsync("""
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(Task b, Task c)
            {
                bool done = [|b.Wait(100)|];
                int index = [|Task.WaitAny(b, c)|];
                await Task.Yield();
                return index;
            }
        }
        """);
}
