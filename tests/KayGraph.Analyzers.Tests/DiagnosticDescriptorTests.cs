using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KayGraph.Analyzers.Tests;

public sealed class DiagnosticDescriptorTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (DiagnosticDescriptor descriptor in DiagnosticDescriptors.All)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_descriptor_has_a_help_page_under_docs_diagnostics(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        Assert.Equal($"https://github.com/kaygraph/kaygraph-dotnet/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        string page = Path.Combine(RepositoryRoot(), "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"missing help page {page}");
        string text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + ":", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_diagnostic." + id + ".severity", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_are_unique_in_the_analyzer_range_and_match_the_constants()
    {
        string[] ids = DiagnosticDescriptors.All.Select(d => d.Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        // KG10xx are the analyzers' own; KG0001 is the generator's declaration error, reported by its companion analyzer.
        Assert.All(ids, id => Assert.Matches("^KG(10[0-9][0-9]|0001)$", id));
        // One id class for the generator, the declaration analyzer and these analyzers: every id of this assembly is in it,
        // and with the declaration analyzer's descriptors it lists nothing else.
        string[] constants = typeof(DiagnosticIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).ToArray();
        string[] everyDescriptor = ids.Concat(Descriptors.All.Select(d => d.Id)).ToArray();
        Assert.Equal(constants.OrderBy(c => c, StringComparer.Ordinal), everyDescriptor.OrderBy(c => c, StringComparer.Ordinal));
    }

    [Fact]
    public void Descriptors_have_a_known_category_a_title_and_a_message()
    {
        Assert.All(DiagnosticDescriptors.All, descriptor =>
        {
            Assert.Contains(descriptor.Category, new[] { DiagnosticCategories.Async, DiagnosticCategories.Usage, DiagnosticCategories.Declaration });
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
            Assert.Contains("{0}", descriptor.MessageFormat.ToString(), StringComparison.Ordinal);
            Assert.True(descriptor.IsEnabledByDefault);
        });
    }

    [Fact]
    public void Every_descriptor_is_tracked_in_the_unshipped_release_file()
    {
        string unshipped = File.ReadAllText(Path.Combine(RepositoryRoot(), "analyzers", "KayGraph.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor descriptor in DiagnosticDescriptors.All)
        {
            string severity = descriptor.DefaultSeverity.ToString();
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {severity} |", unshipped, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Blocking_calls_in_async_phases_are_warnings()
    {
        IEnumerable<DiagnosticDescriptor> blocking = [DiagnosticDescriptors.ThreadSleepInAsyncPhase, DiagnosticDescriptors.SyncWaitInAsyncPhase, DiagnosticDescriptors.SyncCallWithAsyncTwin];
        Assert.All(blocking, d => Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KayGraph.Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
