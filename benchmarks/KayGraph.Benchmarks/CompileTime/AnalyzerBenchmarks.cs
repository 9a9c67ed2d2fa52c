using System.Collections.Immutable;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using KayGraph.Benchmarks.Reporting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Benchmarks.CompileTime;

/// <summary>
/// The cost of KayGraph's analyzers on the same synthetic project (with its generated sources when the generator is part
/// of the build; the <c>Sources</c> column says which): the compiler's own
/// diagnostics (binding every method body) are the baseline, and the same diagnostics computed together with every KayGraph
/// analyzer through <see cref="CompilationWithAnalyzers"/>; the difference is what the analyzers add to a build or to the
/// IDE's full-solution analysis.
/// </summary>
[Config(typeof(AnalyzerCostConfig))]
public class AnalyzerBenchmarks
{
    private Compilation _generated = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    /// <summary>Builds the project (with its generated sources when possible) and loads the analyzers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _generated = CompilationWorkload.CreateSynthetic().CreateAnalyzerInput().Compilation;
        _analyzers = CompilationWorkload.LoadAnalyzers();
    }

    /// <summary>The compiler's diagnostics alone, on a compilation with no bound state.</summary>
    /// <returns>The diagnostics.</returns>
    [Benchmark(Baseline = true)]
    public ImmutableArray<Diagnostic> CompilerDiagnostics() => _generated.Clone().GetDiagnostics();

    /// <summary>The compiler's diagnostics and every KayGraph analyzer's, on a compilation with no bound state.</summary>
    /// <returns>The diagnostics.</returns>
    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> CompilerAndAnalyzerDiagnostics() =>
        Analyze(_generated.Clone(), _analyzers).GetAllDiagnosticsAsync();

    /// <summary>Attaches <paramref name="analyzers"/> to <paramref name="compilation"/>, reporting analyzer exceptions as diagnostics.</summary>
    /// <param name="compilation">The compilation.</param>
    /// <param name="analyzers">The analyzers.</param>
    /// <returns>The compilation with analyzers.</returns>
    internal static CompilationWithAnalyzers Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers) =>
        compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
}
