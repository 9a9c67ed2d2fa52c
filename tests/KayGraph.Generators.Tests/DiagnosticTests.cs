using System.Linq;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>Every declaration diagnostic fires on the right span for broken input, and nothing fires for the fixed input.</summary>
public sealed class DiagnosticTests
{
    [Theory]
    [MemberData(nameof(DiagnosticCases.Ids), MemberType = typeof(DiagnosticCases))]
    public void Broken_input_reports_exactly_the_marked_diagnostics(string id)
    {
        var (source, expected) = DiagnosticMarkup.Parse(DiagnosticCases.Get(id).Broken);

        var run = GeneratorHarness.Run(source);

        var actual = run.GeneratorDiagnostics
            .Select(d => (d.Id, d.Location.SourceSpan, Path: (string?)d.Location.GetLineSpan().Path))
            .OrderBy(d => d.SourceSpan.Start)
            .ToList();
        Assert.Equal(expected.OrderBy(e => e.Span.Start).Select(e => (e.Id, e.Span, (string?)"Input0.cs")), actual);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(d.Id == "KG0012" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.Severity));
        Assert.All(run.GeneratorDiagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [MemberData(nameof(DiagnosticCases.Ids), MemberType = typeof(DiagnosticCases))]
    public void Broken_pieces_are_skipped_and_what_is_emitted_compiles(string id)
    {
        var item = DiagnosticCases.Get(id);
        var (source, _) = DiagnosticMarkup.Parse(item.Broken);

        var run = GeneratorHarness.Run(source);

        var hints = run.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.All(item.NotGenerated, hint => Assert.DoesNotContain(hint, hints));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(run.ErrorsInGeneratedTrees);
    }

    [Theory]
    [MemberData(nameof(DiagnosticCases.Ids), MemberType = typeof(DiagnosticCases))]
    public void Fixed_input_reports_nothing_and_compiles_warning_free(string id)
    {
        var item = DiagnosticCases.Get(id);

        var run = GeneratorHarness.Run(item.Fixed);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerWarningsAndErrors);
        var hints = run.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.All(item.NotGenerated, hint => Assert.Contains(hint, hints));
    }

    [Fact]
    public void Messages_name_the_symbols_involved()
    {
        var (source, _) = DiagnosticMarkup.Parse(DiagnosticCases.Get("KG0004").Broken);

        var message = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("Mismatch.Exec", message, System.StringComparison.Ordinal);
        Assert.Contains("int", message, System.StringComparison.Ordinal);
        Assert.Contains("string", message, System.StringComparison.Ordinal);
    }
}
