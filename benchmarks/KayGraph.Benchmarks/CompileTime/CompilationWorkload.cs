using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Benchmarks.CompileTime;

/// <summary>
/// The synthetic project of the compile-time benchmarks, ready to compile in-process: its parsed sources, its references
/// (the running .NET's assemblies and the KayGraph runtime), and KayGraph's generators and analyzers, found in their
/// assemblies the way the compiler finds them (types marked <c>[Generator]</c> / <c>[DiagnosticAnalyzer]</c>).
/// </summary>
public sealed class CompilationWorkload
{
    /// <summary>The assembly that holds KayGraph's source generator.</summary>
    public const string GeneratorAssemblyName = "KayGraph.Generators";

    /// <summary>The assembly that holds KayGraph's analyzers.</summary>
    public const string AnalyzerAssemblyName = "KayGraph.Analyzers";

    private CompilationWorkload(IReadOnlyList<(string Path, string Text)> sources)
    {
        Sources = sources;
        ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        CompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            optimizationLevel: OptimizationLevel.Release,
            deterministic: true);
        References = LoadReferences();
        Trees = Parse(sources);
        Compilation = Create(Trees);
    }

    /// <summary>The source texts.</summary>
    public IReadOnlyList<(string Path, string Text)> Sources { get; }

    /// <summary>The parse options (latest language version).</summary>
    public CSharpParseOptions ParseOptions { get; }

    /// <summary>The compilation options (a release library with nullable enabled).</summary>
    public CSharpCompilationOptions CompilationOptions { get; }

    /// <summary>The metadata references: the running .NET's assemblies and the KayGraph runtime.</summary>
    public IReadOnlyList<MetadataReference> References { get; }

    /// <summary>The parsed sources, in the order of <see cref="Sources"/>.</summary>
    public ImmutableArray<SyntaxTree> Trees { get; }

    /// <summary>The compilation of the user's sources, before any generator ran.</summary>
    public CSharpCompilation Compilation { get; }

    /// <summary>Whether <see cref="GeneratorAssemblyName"/> can be loaded (the generator is part of this build).</summary>
    public static bool GeneratorAvailable { get; } = CanLoad(GeneratorAssemblyName);

    /// <summary>
    /// The compilation the analyzers run on: the user's sources plus the generated ones when the generator is available,
    /// else the user's sources alone (they compile without the generator).
    /// </summary>
    /// <returns>The compilation and a description of its sources.</returns>
    public (Microsoft.CodeAnalysis.Compilation Compilation, string Sources) CreateAnalyzerInput() =>
        GeneratorAvailable
            ? (Generate(Compilation, out _), "user + generated sources")
            : (Compilation, "user sources only (generator not in this build)");

    /// <summary>Creates the workload of <see cref="SyntheticGraphSource"/>.</summary>
    /// <returns>The workload.</returns>
    public static CompilationWorkload CreateSynthetic() => new(SyntheticGraphSource.Create());

    /// <summary>Parses the sources.</summary>
    /// <param name="sources">The sources.</param>
    /// <returns>The syntax trees.</returns>
    public ImmutableArray<SyntaxTree> Parse(IReadOnlyList<(string Path, string Text)> sources) =>
        sources.Select(source => CSharpSyntaxTree.ParseText(source.Text, ParseOptions, source.Path)).ToImmutableArray();

    /// <summary>Creates a fresh compilation (no bound state) of <paramref name="trees"/>.</summary>
    /// <param name="trees">The syntax trees.</param>
    /// <returns>The compilation.</returns>
    public CSharpCompilation Create(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("Synthetic.Graphs", trees, References, CompilationOptions);

    /// <summary>The compilation after the one-method-body edit of <see cref="SyntheticGraphSource.EditOneMethodBody"/>.</summary>
    /// <returns>A new compilation sharing every tree but the edited one.</returns>
    public CSharpCompilation CreateEdited()
    {
        var original = Trees[0];
        var edited = original.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(SyntheticGraphSource.EditOneMethodBody(Sources[0].Text)));
        return Compilation.ReplaceSyntaxTree(original, edited);
    }

    /// <summary>
    /// Creates a generator driver over KayGraph's generators. By default it is created as the compiler and the IDE create
    /// theirs: without step tracking (csc passes <c>GeneratorDriverOptions(disabledOutputs: Host, baseDirectory)</c>, the
    /// workspace the default options; both leave <see cref="GeneratorDriverOptions.TrackIncrementalGeneratorSteps"/> off).
    /// Tracking records every step's inputs and outputs on each run, which costs more than half of the incremental run of
    /// this project in a profile; it is what tests and the <c>Incremental steps</c> report need, not what a build pays.
    /// </summary>
    /// <param name="trackSteps">Whether to record the incremental steps (for reports and tests, never for timed runs).</param>
    /// <returns>A driver that has not run yet.</returns>
    public GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(LoadGenerators(), parseOptions: ParseOptions, driverOptions: DriverOptions(trackSteps));

    /// <summary>
    /// Creates a generator driver over <see cref="AttributeFloorGenerator"/> alone, with the same options as
    /// <see cref="CreateDriver"/>: the floor that the generator rows are read against.
    /// </summary>
    /// <param name="trackSteps">Whether to record the incremental steps (for the verify mode).</param>
    /// <returns>A driver that has not run yet.</returns>
    public GeneratorDriver CreateFloorDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create([new AttributeFloorGenerator().AsSourceGenerator()], parseOptions: ParseOptions, driverOptions: DriverOptions(trackSteps));

    /// <summary>Runs the generators on <paramref name="compilation"/> and returns the compilation with the generated sources.</summary>
    /// <param name="compilation">The user's compilation.</param>
    /// <param name="generatorDiagnostics">The diagnostics the generators reported.</param>
    /// <returns>The compilation including the generated sources.</returns>
    public Microsoft.CodeAnalysis.Compilation Generate(Microsoft.CodeAnalysis.Compilation compilation, out ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out generatorDiagnostics);
        return output;
    }

    /// <summary>Emits <paramref name="compilation"/> to memory, as a build does after binding.</summary>
    /// <param name="compilation">The compilation.</param>
    /// <returns>The emit result.</returns>
    public static Microsoft.CodeAnalysis.Emit.EmitResult Emit(Microsoft.CodeAnalysis.Compilation compilation)
    {
        using var peStream = new MemoryStream();
        return compilation.Emit(peStream);
    }

    private static GeneratorDriverOptions DriverOptions(bool trackSteps) =>
        new(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps);

    /// <summary>Instantiates every type marked <c>[Generator]</c> in <see cref="GeneratorAssemblyName"/>.</summary>
    /// <returns>The generators, wrapped as <see cref="ISourceGenerator"/> where they are incremental.</returns>
    public static ImmutableArray<ISourceGenerator> LoadGenerators()
    {
        var generators = new List<ISourceGenerator>();
        foreach (var type in LoadTypes(GeneratorAssemblyName, typeof(GeneratorAttribute)))
        {
            switch (Activator.CreateInstance(type))
            {
                case IIncrementalGenerator incremental:
                    generators.Add(incremental.AsSourceGenerator());
                    break;
                case ISourceGenerator generator:
                    generators.Add(generator);
                    break;
            }
        }

        return generators.Count > 0
            ? generators.ToImmutableArray()
            : throw new InvalidOperationException($"No [Generator] type was found in {GeneratorAssemblyName}.");
    }

    /// <summary>Instantiates every C# analyzer marked <c>[DiagnosticAnalyzer]</c> in <see cref="AnalyzerAssemblyName"/>.</summary>
    /// <returns>The analyzers.</returns>
    public static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers()
    {
        var analyzers = LoadTypes(AnalyzerAssemblyName, typeof(DiagnosticAnalyzerAttribute))
            .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
        return analyzers.Length > 0
            ? analyzers
            : throw new InvalidOperationException($"No [DiagnosticAnalyzer] type was found in {AnalyzerAssemblyName}.");
    }

    private static bool CanLoad(string assemblyName)
    {
        try
        {
            _ = Assembly.Load(assemblyName);
            return true;
        }
        catch (Exception error) when (error is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return false;
        }
    }

    private static IEnumerable<Type> LoadTypes(string assemblyName, Type marker) =>
        Assembly.Load(assemblyName).GetTypes()
            .Where(type => type is { IsAbstract: false, IsClass: true } && type.IsDefined(marker, inherit: false))
            .OrderBy(type => type.FullName, StringComparer.Ordinal);

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal)
                    || name is "System.dll" or "netstandard.dll" or "mscorlib.dll"
                    || name.StartsWith("Microsoft.Extensions.Logging.Abstractions", StringComparison.Ordinal)
                    || name.StartsWith("Microsoft.Extensions.DependencyInjection.Abstractions", StringComparison.Ordinal)));
        return platform
            .Append(typeof(INode<>).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }
}
