using System.Threading.Tasks;
using KayGraph.CodeFixes;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.AsyncVoidAnalyzer>;
using VerifyFix = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Analyzers.AsyncVoidAnalyzer, KayGraph.CodeFixes.AsyncVoidCodeFix>;

namespace KayGraph.Analyzers.Tests;

public sealed class AsyncVoidTests
{
    [Fact]
    public Task Reports_async_void_methods_local_functions_and_lambdas_in_nodes() => Verify.VerifyAsync("""
        [Node]
        public partial class Notify
        {
            async Task ExecAsync()
            {
                Action send = [|async () =>|] await Task.Yield();
                Action<int> each = [|async delegate|] (int i) { await Task.Yield(); };
                Local();
                send();
                await Task.Yield();

                async void [|Local|]() => await Task.Yield();
            }

            async void [|Log|](string text) => await Task.Yield();
        }
        """);

    [Fact]
    public Task Message_names_the_method() => Verify.VerifyAsync(
        """
        [Node]
        public partial class Notify
        {
            async void {|#0:Log|}() => await Task.Yield();
        }
        """,
        null,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.AsyncVoid).WithLocation(0).WithArguments("Log"));

    [Fact]
    public Task Task_returning_async_code_and_code_outside_nodes_are_not_reported() => Verify.VerifyAsync("""
        [Node]
        public partial class Notify
        {
            async Task ExecAsync()
            {
                Func<Task> send = async () => await Task.Yield();
                Action sync = () => { };
                await Task.Run(async () => await Task.Yield());
                await send();
            }
        }

        public class Plain
        {
            async void Fire() => await Task.Yield();
        }
        """);

    [Fact]
    public Task Option_extends_the_rule_to_the_whole_project() => Verify.VerifyAsync(
        """
        public class Plain
        {
            async void [|Fire|]() => await Task.Yield();
        }
        """,
        "kaygraph.analyze_all_async_methods = true");

    [Fact]
    public Task Fix_returns_task_from_methods_local_functions_and_action_locals() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Notify
        {
            async Task ExecAsync()
            {
                Action send = [|async () =>|] await Task.Yield();
                Action<int, string> each = [|async (i, s) =>|] await Task.Yield();
                await Task.Yield();

                async void [|Local|]() => await Task.Yield();
            }

            private async void [|Log|](string text)
            {
                await Task.Yield();
            }
        }
        """,
        """
        [Node]
        public partial class Notify
        {
            async Task ExecAsync()
            {
                Func<Task> send = async () => await Task.Yield();
                Func<int, string, Task> each = async (i, s) => await Task.Yield();
                await Task.Yield();

                async Task Local() => await Task.Yield();
            }

            private async Task Log(string text)
            {
                await Task.Yield();
            }
        }
        """,
        AsyncVoidCodeFix.ReturnTaskKey);

    [Fact]
    public Task No_fix_where_the_delegate_type_is_imposed() => VerifyFix.VerifyNoFixAsync("""
        public class Button
        {
            public event EventHandler? Click;
        }

        [Node]
        public partial class Notify
        {
            async Task ExecAsync(Button button)
            {
                button.Click += [|async (sender, args) =>|] await Task.Yield();
                button.Click += OnClick;
                await Task.Yield();
            }

            async void [|OnClick|](object? sender, EventArgs args) => await Task.Yield();
        }
        """);
}
