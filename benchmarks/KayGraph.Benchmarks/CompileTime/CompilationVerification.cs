using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace KayGraph.Benchmarks.CompileTime;

/// <summary>
/// Checks of the compile-time workloads for the <c>verify</c> mode: the synthetic project compiles without errors once the
/// generator ran, the incremental run after the edit is reported, the floor generator of the benchmark finds every node
/// (cold and after the edit), and the analyzers run on it without failing.
/// </summary>
internal static class CompilationVerification
{
    /// <summary>The checks, in order.</summary>
    /// <returns>Named checks.</returns>
    public static IEnumerable<(string Name, Func<Task<string>> Check)> Checks()
    {
        var workload = new Lazy<CompilationWorkload>(CompilationWorkload.CreateSynthetic);
        yield return ("synthetic project, user sources alone", () => Task.FromResult(CheckUserSources(workload.Value)));
        yield return ("synthetic project + generator", () => Task.FromResult(CheckGeneration(workload.Value)));
        yield return ("incremental run after a method-body edit", () => Task.FromResult(CheckIncremental(workload.Value)));
        yield return ("floor generator (attribute lookup only)", () => Task.FromResult(CheckFloor(workload.Value)));
        yield return ("analyzers on the synthetic project", () => CheckAnalyzersAsync(workload.Value));
    }

    private static string CheckUserSources(CompilationWorkload workload)
    {
        var errors = workload.Compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        return errors.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"ok ({workload.Trees.Length} files, no errors)")
            : string.Create(CultureInfo.InvariantCulture, $"FAILED: {errors.Count} errors; first: {errors[0]}");
    }

    private static string CheckGeneration(CompilationWorkload workload)
    {
        var (generatedTrees, generatorDiagnostics) = GeneratorBenchmarks.Describe(workload);
        var generated = workload.Generate(workload.Compilation, out _);
        var errors = generated.GetDiagnostics().Concat(generatorDiagnostics).Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        var summary = string.Create(CultureInfo.InvariantCulture, $"{SyntheticGraphSource.Nodes} nodes in {SyntheticGraphSource.Graphs} graphs, {generatedTrees} generated files");
        return errors.Count == 0
            ? $"ok ({summary}, no errors)"
            : string.Create(CultureInfo.InvariantCulture, $"FAILED: {errors.Count} errors ({summary}); first: {errors[0]}");
    }

    private static string CheckIncremental(CompilationWorkload workload)
    {
        var report = IncrementalRunReport.Measure(workload);
        return report.StepNames == 0 ? "FAILED: the generator tracks no step" : "ok (" + report + ")\n    per step: " + report.DescribeSteps();
    }

    private static string CheckFloor(CompilationWorkload workload)
    {
        var (cold, afterEdit, reasons) = GeneratorBenchmarks.DescribeFloor(workload);
        var summary = string.Create(CultureInfo.InvariantCulture, $"[Node] values: {cold} cold, {afterEdit} after the edit ({reasons})");
        return cold == SyntheticGraphSource.Nodes && afterEdit == SyntheticGraphSource.Nodes
            ? $"ok ({summary})"
            : string.Create(CultureInfo.InvariantCulture, $"FAILED: expected {SyntheticGraphSource.Nodes} each; {summary}");
    }

    private static async Task<string> CheckAnalyzersAsync(CompilationWorkload workload)
    {
        var analyzers = CompilationWorkload.LoadAnalyzers();
        var (input, sources) = workload.CreateAnalyzerInput();
        var result = await AnalyzerBenchmarks.Analyze(input, analyzers).GetAnalysisResultAsync(default).ConfigureAwait(false);
        var reported = result.GetAllDiagnostics();
        var failures = reported.Where(diagnostic => diagnostic.Id == "AD0001").ToList();
        var byId = string.Join(", ", reported.GroupBy(diagnostic => diagnostic.Id).OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key} x{group.Count()}")));
        var time = result.AnalyzerTelemetryInfo.Values.Aggregate(TimeSpan.Zero, (sum, info) => sum + info.ExecutionTime);
        var slowest = string.Join(", ", result.AnalyzerTelemetryInfo
            .OrderByDescending(pair => pair.Value.ExecutionTime)
            .Take(3)
            .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key.GetType().Name} {pair.Value.ExecutionTime.TotalMilliseconds:N0} ms")));
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{sources}; {analyzers.Length} analyzers, own execution time {time.TotalMilliseconds:N0} ms (slowest: {slowest}), diagnostics: {(byId.Length == 0 ? "none" : byId)}");
        return failures.Count == 0 ? $"ok ({summary})" : $"FAILED: an analyzer threw ({failures[0].GetMessage(CultureInfo.InvariantCulture)})";
    }
}
