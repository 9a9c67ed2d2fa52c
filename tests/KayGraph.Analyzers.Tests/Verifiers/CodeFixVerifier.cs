using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace KayGraph.Analyzers.Tests.Verifiers;

/// <summary>Runs <typeparamref name="TFix"/> on the diagnostics of <typeparamref name="TAnalyzer"/>, one at a time and as Fix All.</summary>
internal static class CodeFixVerifier<TAnalyzer, TFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TFix : CodeFixProvider, new()
{
    /// <summary>Creates a test of <paramref name="source"/> fixed to <paramref name="fixedSource"/> by the action with <paramref name="equivalenceKey"/>.</summary>
    public static CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier> Create(string source, string fixedSource, string? equivalenceKey = null, string? editorConfig = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = TestSources.Usings + source,
            FixedCode = TestSources.Usings + fixedSource,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        AnalyzerTestSetup.Configure(test.TestState, editorConfig);
        return test;
    }

    /// <summary>Verifies the fix output (the test framework also checks Fix All in document, project and solution).</summary>
    public static Task VerifyFixAsync(string source, string fixedSource, string? equivalenceKey = null, string? editorConfig = null) =>
        Create(source, fixedSource, equivalenceKey, editorConfig).RunAsync();

    /// <summary>Verifies that no fix is offered for the marked diagnostics.</summary>
    public static Task VerifyNoFixAsync(string source, string? editorConfig = null)
    {
        CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier> test = Create(source, source, null, editorConfig);
        return test.RunAsync();
    }
}
