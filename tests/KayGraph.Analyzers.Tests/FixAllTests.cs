using System.Threading.Tasks;
using KayGraph.Analyzers.Tests.Verifiers;
using KayGraph.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KayGraph.Analyzers.Tests;

/// <summary>Fix All across documents: every fixer uses the batch fixer with a stable equivalence key.</summary>
public sealed class FixAllTests
{
    [Fact]
    public Task Fix_all_in_project_rewrites_every_document()
    {
        var test = new CSharpCodeFixTest<ThreadSleepAnalyzer, ThreadSleepCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = ThreadSleepCodeFix.AwaitDelayKey,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
        };
        test.TestState.Sources.Add(TestSources.Usings + """
            [Node]
            public partial class First
            {
                async Task ExecAsync(CancellationToken ct) { [|Thread.Sleep(1)|]; [|Thread.Sleep(2)|]; }
            }
            """);
        test.TestState.Sources.Add(TestSources.Usings + """
            [Node]
            public partial class Second
            {
                async Task PostAsync(object shared, CancellationToken token) => [|Thread.Sleep(3)|];
            }
            """);
        test.FixedState.Sources.Add(TestSources.Usings + """
            [Node]
            public partial class First
            {
                async Task ExecAsync(CancellationToken ct) { await Task.Delay(1, ct); await Task.Delay(2, ct); }
            }
            """);
        test.FixedState.Sources.Add(TestSources.Usings + """
            [Node]
            public partial class Second
            {
                async Task PostAsync(object shared, CancellationToken token) => await Task.Delay(3, token);
            }
            """);
        AnalyzerTestSetup.Configure(test.TestState, null);
        return test.RunAsync();
    }

    [Fact]
    public void Every_fixer_offers_the_batch_fix_all_provider()
    {
        Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider[] fixers =
        [
            new AddPartialCodeFix(),
            new RenameToAsyncPhaseCodeFix(),
            new ThreadSleepCodeFix(),
            new SyncWaitCodeFix(),
            new AsyncTwinCodeFix(),
            new PassCancellationTokenCodeFix(),
            new AsyncVoidCodeFix(),
            new MakePhaseAsyncCodeFix(),
            new UndeclaredActionCodeFix(),
            new InvalidAttributeArgumentCodeFix(),
            new SharedTypeUnknownCodeFix(),
            new InvalidPhaseSignatureCodeFix(),
        ];
        Assert.All(fixers, fixer => Assert.Same(Microsoft.CodeAnalysis.CodeFixes.WellKnownFixAllProviders.BatchFixer, fixer.GetFixAllProvider()));
    }

    [Fact]
    public void Fixers_that_edit_other_documents_or_once_per_target_bring_their_own_fix_all_provider()
    {
        Microsoft.CodeAnalysis.CodeFixes.FixAllProvider provider = new NextTargetNotNodeCodeFix().GetFixAllProvider();
        Assert.NotSame(Microsoft.CodeAnalysis.CodeFixes.WellKnownFixAllProviders.BatchFixer, provider);
        Assert.Equal(
            new[] { Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Document, Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Project, Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Solution },
            provider.GetSupportedFixAllScopes());
    }
}
