using System;
using System.IO;
using KayGraph.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Sdk;

namespace KayGraph.Generators.Tests;

/// <summary>The test helpers themselves: markup parsing, the line diff, and the snapshot verifier's failure path.</summary>
public sealed class InfrastructureTests
{
    [Fact]
    public void Markup_yields_the_clean_source_and_the_marked_spans()
    {
        var (source, expected) = DiagnosticMarkup.Parse("class {|KG0001:A|} { void {|KG0013:M|}() { } }");

        Assert.Equal("class A { void M() { } }", source);
        Assert.Equal(new[] { ("KG0001", new TextSpan(6, 1)), ("KG0013", new TextSpan(15, 1)) }, expected);
    }

    [Fact]
    public void Line_diff_shows_removed_and_added_lines_with_context()
    {
        var diff = LineDiff.Render("a\nb\nc\nd", "a\nB\nc\nd");

        Assert.Contains("- b", diff, StringComparison.Ordinal);
        Assert.Contains("+ B", diff, StringComparison.Ordinal);
        Assert.Contains("  a", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_mismatch_writes_the_received_file_and_fails_with_a_diff()
    {
        if (SnapshotVerifier.Accepting)
        {
            return; // accepting mode overwrites instead of failing
        }

        const string caseName = "_VerifierSelfTest";
        var folder = Path.Combine(SnapshotVerifier.SnapshotRoot, caseName);
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "X.g.cs"), "line one\nline two\n");

            var error = Assert.Throws<XunitException>(() => SnapshotVerifier.Verify(caseName, new[] { ("X.g.cs", "line one\nline 2\n") }));

            Assert.True(error.Message.Contains("- line two", StringComparison.Ordinal), error.Message);
            Assert.Contains("+ line 2", error.Message, StringComparison.Ordinal);
            Assert.Equal("line one\nline 2\n", File.ReadAllText(Path.Combine(folder, "X.received.cs")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
