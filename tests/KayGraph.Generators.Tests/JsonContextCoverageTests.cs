using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using KayGraph.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>
/// KG0017/KG0018 against real source-generated contexts: the System.Text.Json source generator of the SDK's reference pack
/// runs beside the KayGraph generator, so a <c>partial</c> context is completed as in a build, and the metadata the context
/// really has is read from the compiled assembly.
/// </summary>
public sealed class JsonContextCoverageTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using KayGraph;

        """;

    private const string Graph = """
        [Node]
        public partial class Step
        {
            bool Exec(Interrupt<Question, bool> ask) => ask.Ask(new Question("ok?"));
            void Post(Job job, bool yes) => job.Count += yes ? 1 : 0;
        }

        [Graph(typeof(Step), Durable = true, Json = typeof(FlowJson))]
        public partial class Flow;
        """;

    /// <summary>The SDK's System.Text.Json source generator (reference pack of the running runtime's major version), if installed.</summary>
    private static string? JsonGeneratorPath()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!; // .../shared/Microsoft.NETCore.App/10.0.x
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        return Directory.Exists(packs)
            ? Directory.GetDirectories(packs).OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll"))
                .FirstOrDefault(File.Exists)
            : null;
    }

    private static (Compilation Output, ImmutableArray<Diagnostic> Declarations) Run(string source)
    {
        var path = JsonGeneratorPath() ?? throw new InvalidOperationException("System.Text.Json.SourceGeneration.dll not found under the SDK's packs");
        var json = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerFileReference(path, new AssemblyLoader());
        var compilation = GeneratorHarness.Compile(Usings + source);
        var generators = json.GetGenerators(LanguageNames.CSharp).Concat(new[] { new KayGraphGenerator().AsSourceGenerator() });
        CSharpGeneratorDriver.Create(generators, parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (output, GeneratorHarness.AnalyzeDeclarations(output));
    }

    [Fact]
    public void A_context_that_lists_the_store_and_the_question_covers_the_answer_the_store_reaches()
    {
        var (output, diagnostics) = Run("""
            public sealed record Question(string Text);
            public sealed class Job { public int Count { get; set; } public bool Done { get; set; } }

            [JsonSerializable(typeof(Job))]
            [JsonSerializable(typeof(Question))]
            public partial class FlowJson : JsonSerializerContext;

            """ + Graph);

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.True(HasTypeInfo(output, typeof(bool)), "the real context has no metadata for bool: KG0018 must not treat reachable types as covered");
    }

    [Fact]
    public void A_context_that_misses_the_store_reports_it_and_really_has_no_metadata_for_it()
    {
        var (output, diagnostics) = Run("""
            public sealed record Question(string Text);
            public sealed class Job { public int Count { get; set; } }

            [JsonSerializable(typeof(Question))]
            [JsonSerializable(typeof(bool))]
            public partial class FlowJson : JsonSerializerContext;

            """ + Graph);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("KG0018", diagnostic.Id);
        Assert.Contains("'Job' (the shared store)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Json = typeof(FlowJson)", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.False(HasTypeInfo(output, "Job"));
    }

    [Fact]
    public void Fields_of_a_context_with_IncludeFields_are_saved_and_not_reported()
    {
        var (_, included) = Run("""
            public sealed record Question(string Text);
            public sealed class Job { public int Count; }

            [JsonSourceGenerationOptions(IncludeFields = true)]
            [JsonSerializable(typeof(Job))]
            [JsonSerializable(typeof(Question))]
            [JsonSerializable(typeof(bool))]
            public partial class FlowJson : JsonSerializerContext;

            """ + Graph);
        var (_, excluded) = Run("""
            public sealed record Question(string Text);
            public sealed class Job { public int Count; }

            [JsonSerializable(typeof(Job))]
            [JsonSerializable(typeof(Question))]
            [JsonSerializable(typeof(bool))]
            public partial class FlowJson : JsonSerializerContext;

            """ + Graph);

        Assert.Empty(included);
        Assert.Equal("KG0017", Assert.Single(excluded).Id);
    }

    private static bool HasTypeInfo(Compilation output, Type type) => HasTypeInfo(output, (Type?)type, null);

    private static bool HasTypeInfo(Compilation output, string sourceType) => HasTypeInfo(output, null, sourceType);

    /// <summary>Loads the compiled input and asks <c>FlowJson.Default</c> for the metadata of a type.</summary>
    private static bool HasTypeInfo(Compilation output, Type? type, string? sourceType)
    {
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new System.Runtime.Loader.AssemblyLoadContext("KG0018", isCollectible: true);
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            var flowJson = assembly.GetType("FlowJson", throwOnError: true)!;
            var instance = flowJson.GetProperty("Default")!.GetValue(null)!;
            var target = type ?? assembly.GetType(sourceType!, throwOnError: true)!;
            return ((System.Text.Json.Serialization.JsonSerializerContext)instance).GetTypeInfo(target) is not null;
        }
        finally
        {
            context.Unload();
        }
    }

    private sealed class AssemblyLoader : Microsoft.CodeAnalysis.IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
