using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>The outcome of one generator run: the input, the compilation with generated trees, and what was reported.</summary>
internal sealed class GeneratorRun
{
    public GeneratorRun(CSharpCompilation input, CSharpCompilation output, GeneratorDriverRunResult result, ImmutableArray<Diagnostic> driverDiagnostics)
    {
        Input = input;
        Output = output;
        Result = result;
        DriverDiagnostics = driverDiagnostics;
    }

    public CSharpCompilation Input { get; }

    public CSharpCompilation Output { get; }

    public GeneratorDriverRunResult Result { get; }

    /// <summary>Diagnostics from the driver itself (e.g. CS8785 when a generator throws).</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    /// <summary>The generator's own diagnostics: only KG0099 (internal error); declarations are the analyzer's.</summary>
    public ImmutableArray<Diagnostic> OwnGeneratorDiagnostics => Result.Results.SelectMany(r => r.Diagnostics).ToImmutableArray();

    /// <summary>What the declaration analyzer reports over the output compilation (generated code included), as a build does.</summary>
    public ImmutableArray<Diagnostic> AnalyzerDiagnostics => _analyzerDiagnostics ??= GeneratorHarness.AnalyzeDeclarations(Output);

    /// <summary>
    /// The KayGraph declaration diagnostics a user sees: the declaration analyzer's (KG0002 … KG0014) and the generator's
    /// own (KG0099), ordered by position.
    /// </summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics =>
        AnalyzerDiagnostics.Concat(OwnGeneratorDiagnostics).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();

    private ImmutableArray<Diagnostic>? _analyzerDiagnostics;

    public ImmutableArray<GeneratedSourceResult> GeneratedSources => Result.Results.SelectMany(r => r.GeneratedSources).ToImmutableArray();

    /// <summary>The generated file whose hint name is <paramref name="hintName"/>.</summary>
    public string Source(string hintName) => GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>Compiler diagnostics of the output compilation at warning level or above.</summary>
    public ImmutableArray<Diagnostic> CompilerWarningsAndErrors =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>Compiler errors located in generated trees.</summary>
    public ImmutableArray<Diagnostic> ErrorsInGeneratedTrees
    {
        get
        {
            var generated = GeneratedSources.Select(s => s.SyntaxTree).ToImmutableHashSet();
            return GeneratedSources
                .SelectMany(s => Output.GetSemanticModel(s.SyntaxTree).GetDiagnostics())
                .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generated.Contains(tree))
                .ToImmutableArray();
        }
    }
}
