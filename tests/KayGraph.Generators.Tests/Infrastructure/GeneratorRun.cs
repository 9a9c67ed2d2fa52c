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

    /// <summary>The generator's own diagnostics (KG0001 … KG0099).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Results.SelectMany(r => r.Diagnostics).ToImmutableArray();

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
