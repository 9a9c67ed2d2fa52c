using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>Every descriptor has a help page under docs/diagnostics and an entry in AnalyzerReleases.Unshipped.md.</summary>
public sealed class DescriptorTests
{
    public static IEnumerable<object[]> DescriptorIds() => Descriptors.All.Select(d => new object[] { d.Id });

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Help_link_points_to_an_existing_page_about_the_same_diagnostic(string id)
    {
        var descriptor = Descriptors.ById(id);

        Assert.EndsWith("/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        var page = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + ":", text, StringComparison.Ordinal);
        Assert.Contains(descriptor.DefaultSeverity.ToString(), text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Release_tracking_lists_the_id_with_its_category_and_severity(string id)
    {
        var descriptor = Descriptors.ById(id);
        var unshipped = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "generator", "KayGraph.Generators", "AnalyzerReleases.Unshipped.md"));

        var row = Assert.Single(unshipped, line => line.StartsWith(id + " ", StringComparison.Ordinal));
        var cells = row.Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(descriptor.Category, cells[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
    }

    [Fact]
    public void Ids_are_unique_prefixed_and_errors_except_the_two_warnings()
    {
        Assert.Equal(Descriptors.All.Count, Descriptors.All.Select(d => d.Id).Distinct().Count());
        Assert.All(Descriptors.All, d => Assert.Matches("^KG00[0-9][0-9]$", d.Id));
        Assert.Equal(new[] { "KG0012", "KG0099" }, Descriptors.All.Where(d => d.DefaultSeverity == DiagnosticSeverity.Warning).Select(d => d.Id).OrderBy(x => x, StringComparer.Ordinal));
        Assert.All(Descriptors.All, d => Assert.True(d.IsEnabledByDefault));
    }

    [Fact]
    public void Cycle_warning_can_be_turned_off_per_project_as_its_page_says()
    {
        var (source, _) = DiagnosticMarkup.Parse(DiagnosticCases.Get("KG0012").Broken);
        var compilation = GeneratorHarness.Compile(source);
        var silenced = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            compilation.Options.SpecificDiagnosticOptions.SetItem("KG0012", ReportDiagnostic.Suppress)));

        Assert.Contains(GeneratorHarness.Run(compilation).GeneratorDiagnostics, d => d.Id == "KG0012");
        Assert.DoesNotContain(GeneratorHarness.Run(silenced).GeneratorDiagnostics, d => d.Id == "KG0012");
    }

    [Fact]
    public void Cycle_warning_is_silenced_by_a_pragma_on_the_graph_as_its_page_says()
    {
        var (source, _) = DiagnosticMarkup.Parse(DiagnosticCases.Get("KG0012").Broken);
        var withPragma = source.Replace("[Graph(typeof(A))]", "#pragma warning disable KG0012\n[Graph(typeof(A))]", StringComparison.Ordinal);

        Assert.Contains(GeneratorHarness.Run(source).GeneratorDiagnostics, d => d.Id == "KG0012");
        Assert.DoesNotContain(GeneratorHarness.Run(withPragma).GeneratorDiagnostics, d => d.Id == "KG0012" && !d.IsSuppressed);
    }

    [Theory]
    [InlineData("#pragma warning disable KG0004\n", "")]
    [InlineData("", "[System.Diagnostics.CodeAnalysis.SuppressMessage(\"KayGraph.Declaration\", \"KG0004\")]\n")]
    public void Declaration_errors_are_silenced_by_a_pragma_or_SuppressMessage_on_their_culprit(string pragma, string attribute)
    {
        static string Declaration(string before, string on) =>
            "using KayGraph;\npublic sealed class S { }\n" + before + on + "[Node] public partial class N { int Prep(S shared) => 1; string Exec(string text) => text; }";
        var plain = GeneratorHarness.Run(Declaration(string.Empty, string.Empty));
        var silenced = GeneratorHarness.Run(Declaration(pragma, attribute));

        Assert.Equal("KG0004", Assert.Single(plain.GeneratorDiagnostics).Id);
        Assert.DoesNotContain(silenced.GeneratorDiagnostics, d => !d.IsSuppressed);
    }

    [Fact]
    public void The_generator_itself_reports_no_declaration_diagnostic()
    {
        foreach (var id in DiagnosticCases.Ids().Select(row => (string)row[0]))
        {
            var (source, _) = DiagnosticMarkup.Parse(DiagnosticCases.Get(id).Broken);
            var run = GeneratorHarness.Run(source);

            Assert.NotEmpty(run.AnalyzerDiagnostics.Where(d => d.Id == id));
            Assert.Empty(run.OwnGeneratorDiagnostics);
        }
    }
}
