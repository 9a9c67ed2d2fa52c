using System.Threading.Tasks;
using KayGraph.Analyzers.Tests.Verifiers;
using KayGraph.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyFix = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Analyzers.CancellationTokenParameterMissingAnalyzer, KayGraph.CodeFixes.AddCancellationTokenParameterCodeFix>;

namespace KayGraph.Analyzers.Tests;

public sealed class AddCancellationTokenParameterCodeFixTests
{
    private const string Api = CancellationTokenParameterMissingTests.Api;

    [Fact]
    public Task Fix_adds_the_parameter_and_passes_it_to_every_call_that_accepts_it() => VerifyFix.VerifyFixAsync(
        Api + """
        [Node]
        public partial class Fetch
        {
            private readonly SemaphoreSlim gate = new(1);

            async Task<int> [|ExecAsync|](string path)
            {
                if (!await gate.WaitAsync(0))
                {
                    return 0;
                }

                int a = await Api.Optional(path);
                int b = await Api.Overloaded((await Api.TwoOptional()).ToString());
                int c = await Api.Plain(path);
                Func<Task<int>> load = () => Api.Overloaded(path);
                Func<CancellationToken, Task> own = token => Task.Delay(1);
                await Task.Delay(TimeSpan.Zero);
                return a + b + c + await load();
            }
        }
        """,
        Api + """
        [Node]
        public partial class Fetch
        {
            private readonly SemaphoreSlim gate = new(1);

            async Task<int> ExecAsync(string path, CancellationToken cancellationToken)
            {
                if (!await gate.WaitAsync(0))
                {
                    return 0;
                }

                int a = await Api.Optional(path, cancellationToken);
                int b = await Api.Overloaded((await Api.TwoOptional(token: cancellationToken)).ToString(), cancellationToken);
                int c = await Api.Plain(path);
                Func<Task<int>> load = () => Api.Overloaded(path, cancellationToken);
                Func<CancellationToken, Task> own = token => Task.Delay(1);
                await Task.Delay(TimeSpan.Zero);
                return a + b + c + await load();
            }
        }
        """,
        AddCancellationTokenParameterCodeFix.AddTokenParameterKey);

    [Fact]
    public Task Fix_picks_a_free_name_and_handles_an_empty_parameter_list() => VerifyFix.VerifyFixAsync(
        Api + """
        [Node]
        public partial class Fetch
        {
            async Task<int> [|ExecAsync|]()
            {
                string cancellationToken = "name taken";
                return await Api.Optional(cancellationToken);
            }

            async Task [|PostAsync|](object shared, int exec) => await Task.Delay(exec);
        }
        """,
        Api + """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(CancellationToken cancellationToken2)
            {
                string cancellationToken = "name taken";
                return await Api.Optional(cancellationToken, cancellationToken2);
            }

            async Task PostAsync(object shared, int exec, CancellationToken cancellationToken) => await Task.Delay(exec, cancellationToken);
        }
        """,
        AddCancellationTokenParameterCodeFix.AddTokenParameterKey);

    [Fact]
    public Task Fix_all_adds_using_System_Threading_once_per_document()
    {
        var test = new CSharpCodeFixTest<CancellationTokenParameterMissingAnalyzer, AddCancellationTokenParameterCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = AddCancellationTokenParameterCodeFix.AddTokenParameterKey,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
        };
        test.TestState.Sources.Add("""
            using System.IO;
            using System.Threading.Tasks;
            using KayGraph;

            [Node]
            public partial class Load
            {
                async Task<string> [|PrepAsync|](object shared) => await File.ReadAllTextAsync("a");

                async Task<string> [|ExecAsync|](string text) { await Task.Delay(1); return text; }
            }
            """);
        test.TestState.Sources.Add("""
            using KayGraph;

            [Node]
            public partial class Wait
            {
                System.Threading.Tasks.Task [|ExecAsync|]() => System.Threading.Tasks.Task.Delay(5);
            }
            """);
        test.FixedState.Sources.Add("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using KayGraph;

            [Node]
            public partial class Load
            {
                async Task<string> PrepAsync(object shared, CancellationToken cancellationToken) => await File.ReadAllTextAsync("a", cancellationToken);

                async Task<string> ExecAsync(string text, CancellationToken cancellationToken) { await Task.Delay(1, cancellationToken); return text; }
            }
            """);
        test.FixedState.Sources.Add("""
            using System.Threading;
            using KayGraph;

            [Node]
            public partial class Wait
            {
                System.Threading.Tasks.Task ExecAsync(CancellationToken cancellationToken) => System.Threading.Tasks.Task.Delay(5, cancellationToken);
            }
            """);
        AnalyzerTestSetup.Configure(test.TestState, null);
        return test.RunAsync();
    }

    [Fact]
    public void Fix_all_is_supported()
    {
        var fix = new AddCancellationTokenParameterCodeFix();
        Assert.NotNull(fix.GetFixAllProvider());
        Assert.Contains(Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Solution, fix.GetFixAllProvider().GetSupportedFixAllScopes());
    }
}
