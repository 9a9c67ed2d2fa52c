using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using KayGraph.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Samples.Tests;

/// <summary>
/// A docs example compiled the way a user's project compiles it: against KayGraph, xunit and the test packages, with the
/// KayGraph generator emitting its glue and every KayGraph analyzer (declarations and async pitfalls) looking at it. Any
/// compiler warning or KayGraph diagnostic (info level included) fails the build. The result is loaded into a collectible
/// context whose dependencies (KayGraph, xunit, FakeTimeProvider) come from this test's own.
/// </summary>
public sealed class DocsExample : IDisposable
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static readonly ImmutableDictionary<string, ReportDiagnostic> SdkSuppressions = new Dictionary<string, ReportDiagnostic>
    {
        ["CS1701"] = ReportDiagnostic.Suppress,
        ["CS1702"] = ReportDiagnostic.Suppress,
    }.ToImmutableDictionary();

    private readonly Context _context;

    private DocsExample(Context context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    public static DocsExample Build(string code)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "DocsExample",
            [CSharpSyntaxTree.ParseText(code, parse, "Example.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, specificDiagnosticOptions: SdkSuppressions));
        CSharpGeneratorDriver.Create([new KayGraphGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);

        var analyzers = new[] { typeof(KayGraphGenerator).Assembly, typeof(KayGraph.Analyzers.AsyncTwinAnalyzer).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var analyzed = generated.WithAnalyzers(analyzers);
        var problems = generatorDiagnostics
            .Concat(generated.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning))
            .Concat(analyzed.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Where(d => d.Id.StartsWith("KG", StringComparison.Ordinal) || d.Severity >= DiagnosticSeverity.Warning))
            .ToList();
        Assert.True(problems.Count == 0, "The example does not build cleanly:\n" + string.Join("\n", problems));
        Assert.True(analyzers.Length > 5, "the KayGraph analyzers were not found");

        using var image = new MemoryStream();
        var emitted = generated.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new Context();
        return new DocsExample(context, context.LoadFromStream(image));
    }

    /// <summary>The example's xunit facts: public instance methods marked <c>[Fact]</c>.</summary>
    public IReadOnlyList<MethodInfo> Facts() =>
        Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
            .ToList();

    /// <summary>Runs one fact as xunit would: a new instance of its class, the method awaited, the instance disposed.</summary>
    public static async Task RunAsync(MethodInfo fact)
    {
        var instance = Activator.CreateInstance(fact.DeclaringType!)!;
        try
        {
            if (fact.Invoke(instance, null) is Task task)
            {
                await task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(error.InnerException).Throw();
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    public void Dispose() => _context.Unload();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var wanted = trusted.Where(path => Path.GetFileName(path) is var file && (
            file.StartsWith("System.", StringComparison.Ordinal) || file is "mscorlib.dll" or "netstandard.dll" or "Microsoft.Win32.Primitives.dll" ||
            file.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || file.StartsWith("xunit.", StringComparison.Ordinal)));
        return [.. wanted.Append(typeof(NodeAttribute).Assembly.Location).Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    private sealed class Context() : AssemblyLoadContext("DocsExample", isCollectible: true)
    {
        // KayGraph, xunit and the test packages resolve from the default context: the example uses this test's types.
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}
