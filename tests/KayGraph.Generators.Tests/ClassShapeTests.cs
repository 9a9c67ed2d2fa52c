using System.Linq;
using KayGraph.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>Class shapes the generator cannot extend are rejected once, on the class, without crashing the generator.</summary>
public sealed class ClassShapeTests
{
    private const string Header = """
        using KayGraph;

        public sealed class S { public int Value; }

        [Node] public partial class A { void Post(S shared) => shared.Value++; }

        """;

    [Theory]
    [InlineData("[Node] public static partial class {|KG0013:X|} { }")]
    [InlineData("[Node] [BatchNode] public partial class {|KG0013:X|} { void Post(S shared) => shared.Value++; }")]
    [InlineData("[Node] [Graph(typeof(A))] public partial class {|KG0013:X|} { void Post(S shared) => shared.Value++; }")]
    [InlineData("[Graph(typeof(A))] [ParallelBatchGraph(typeof(A))] public partial class {|KG0013:X|};")]
    public void Unextendable_class_is_reported_once_and_skipped(string declaration)
    {
        var (source, expected) = DiagnosticMarkup.Parse(Header + declaration);

        var run = GeneratorHarness.Run(source);

        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id is "CS8785" or "AD0001");
        Assert.Equal(expected.Select(e => (e.Id, e.Span)), run.GeneratorDiagnostics.Select(d => (d.Id, d.Location.SourceSpan)));
        Assert.DoesNotContain(run.GeneratedSources, s => s.HintName == "X.g.cs");
        Assert.Empty(run.ErrorsInGeneratedTrees);
    }

    [Fact]
    public void Attribute_repeated_on_two_parts_does_not_crash_the_generator()
    {
        var run = GeneratorHarness.Run(new[]
        {
            Header + "[Node] public partial class X { void Post(S shared) => shared.Value++; }",
            "using KayGraph;\n[Node] public partial class X { }",
        });

        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id is "CS8785" or "AD0001");
        Assert.Contains(run.Output.GetDiagnostics(), d => d.Id == "CS0579"); // the compiler's duplicate-attribute error
        Assert.Empty(run.ErrorsInGeneratedTrees);
    }

    [Fact]
    public void Same_declaration_errors_in_two_parts_are_reported_once_per_location()
    {
        var run = GeneratorHarness.Run(new[]
        {
            Header + "[Node(MaxRetries = 0)] public partial class X { void Post(S shared) => shared.Value++; }",
            "public partial class X { }",
        });

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("KG0011", diagnostic.Id);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", System.StringComparison.Ordinal)));
    }
}
