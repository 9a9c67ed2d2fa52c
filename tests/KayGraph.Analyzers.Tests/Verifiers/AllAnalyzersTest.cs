using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace KayGraph.Analyzers.Tests.Verifiers;

/// <summary>An analyzer test that runs every KayGraph analyzer together, to check that each call gets at most one diagnostic.</summary>
internal sealed class AllAnalyzersTest : CSharpAnalyzerTest<ThreadSleepAnalyzer, DefaultVerifier>
{
    /// <summary>Creates the test for <paramref name="source"/> (prefixed with the shared usings).</summary>
    public AllAnalyzersTest(string source, string? editorConfig = null)
    {
        TestCode = TestSources.Usings + source;
        ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
        AnalyzerTestSetup.Configure(TestState, editorConfig);
    }

    /// <inheritdoc />
    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
    [
        new ThreadSleepAnalyzer(),
        new SyncWaitAnalyzer(),
        new AsyncTwinAnalyzer(),
        new CancellationTokenNotPassedAnalyzer(),
        new AsyncVoidAnalyzer(),
        new BlockingCallInSyncPhaseAnalyzer(),
        new UndeclaredActionAnalyzer(),
        new BlockingHelperCallAnalyzer(),
    ];
}
