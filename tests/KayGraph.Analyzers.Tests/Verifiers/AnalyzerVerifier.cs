using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace KayGraph.Analyzers.Tests.Verifiers;

/// <summary>Runs <typeparamref name="TAnalyzer"/> on a source with <c>[|...|]</c> / <c>{|KG1001:...|}</c> markup.</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Verifies that the marked spans, and only them, are reported.</summary>
    public static Task VerifyAsync(string source, string? editorConfig = null, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = TestSources.Usings + source,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        AnalyzerTestSetup.Configure(test.TestState, editorConfig);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
