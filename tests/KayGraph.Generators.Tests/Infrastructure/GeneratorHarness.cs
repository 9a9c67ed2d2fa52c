using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using KayGraph.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>Builds compilations of test sources against the runtime and runs the KayGraph generator over them.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>
    /// What the .NET SDK suppresses by default (CS1701/CS1702 assembly unification) plus CS1591 for the test inputs'
    /// own public types; every other warning counts.
    /// </summary>
    private static readonly ImmutableDictionary<string, ReportDiagnostic> SdkDefaultSuppressions = new Dictionary<string, ReportDiagnostic>
    {
        ["CS1701"] = ReportDiagnostic.Suppress,
        ["CS1702"] = ReportDiagnostic.Suppress,
        ["CS1591"] = ReportDiagnostic.Suppress,
    }.ToImmutableDictionary();

    /// <summary>The runtime assembly plus the trusted platform assemblies of the test host (net10).</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest) =>
        new(version, DocumentationMode.Diagnose);

    /// <summary>A library compilation of <paramref name="sources"/> (file names Input0.cs, Input1.cs, ...), nullable enabled.</summary>
    public static CSharpCompilation Compile(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest, OptimizationLevel optimization = OptimizationLevel.Debug)
    {
        var options = ParseOptions(version);
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, options, $"Input{i}.cs")).ToArray();
        return CSharpCompilation.Create(
            "KayGraphGeneratorTestInput",
            trees,
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: optimization,
                deterministic: true,
                specificDiagnosticOptions: SdkDefaultSuppressions));
    }

    public static CSharpCompilation Compile(string source, LanguageVersion version = LanguageVersion.Latest) => Compile(new[] { source }, version);

    /// <summary>A driver with step tracking, so caching tests can read every tracked step's run reasons.</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new KayGraphGenerator().AsSourceGenerator() },
            parseOptions: parseOptions ?? ParseOptions(),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        var driver = CreateDriver((CSharpParseOptions)compilation.SyntaxTrees.First().Options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        return new GeneratorRun(compilation, (CSharpCompilation)output, driver.GetRunResult(), driverDiagnostics);
    }

    public static GeneratorRun Run(string source, LanguageVersion version = LanguageVersion.Latest) => Run(Compile(source, version));

    public static GeneratorRun Run(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest) => Run(Compile(sources, version));

    /// <summary>Runs <see cref="Analysis.DeclarationAnalyzer"/> over <paramref name="compilation"/> (compilation end included).</summary>
    public static ImmutableArray<Diagnostic> AnalyzeDeclarations(Compilation compilation) =>
        compilation
            .WithAnalyzers(ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new Analysis.DeclarationAnalyzer()))
            .GetAnalyzerDiagnosticsAsync()
            .GetAwaiter()
            .GetResult();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        foreach (var path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var file = Path.GetFileName(path);
            // The platform plus the runtime's own dependencies; test-framework and Roslyn assemblies are not needed.
            if (file.StartsWith("System.", StringComparison.Ordinal) || file is "System.dll" or "mscorlib.dll" or "netstandard.dll" ||
                file.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || file is "Microsoft.Win32.Primitives.dll" or "Microsoft.CSharp.dll")
            {
                paths.Add(path);
            }
        }

        paths.Add(typeof(KayGraph.NodeAttribute).Assembly.Location);
        paths.Add(typeof(GeneratorHarness).Assembly.Location); // the shared stores of the compile-and-run inputs
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
