using System.Linq;
using KayGraph.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>A node nested in any kind of partial type gets glue that repeats the right declaration keyword.</summary>
public sealed class ContainingTypeTests
{
    [Theory]
    [InlineData("partial class Outer", "partial class Outer")]
    [InlineData("static partial class Outer", "partial class Outer")]
    [InlineData("partial struct Outer", "partial struct Outer")]
    [InlineData("partial record Outer", "partial record Outer")]
    [InlineData("partial record struct Outer", "partial record struct Outer")]
    [InlineData("partial interface Outer", "partial interface Outer")]
    public void Nested_node_compiles_in_every_kind_of_containing_type(string declaration, string emitted)
    {
        var run = GeneratorHarness.Run($$"""
            using KayGraph;

            public sealed class S { public int Value; }

            public {{declaration}}
            {
                [Node]
                public partial class Inner
                {
                    void Post(S shared) => shared.Value++;
                }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerWarningsAndErrors);
        Assert.Contains("\n" + emitted + "\n", run.Source("Outer.Inner.g.cs"), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Node_nested_in_a_generic_type_is_rejected_not_emitted()
    {
        var run = GeneratorHarness.Run("""
            using KayGraph;

            public sealed class S { public int Value; }

            public partial class Outer<T>
            {
                [Node]
                public partial class Inner
                {
                    void Post(S shared) => shared.Value++;
                }
            }
            """);

        Assert.Equal("KG0013", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
