using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace KayGraph.EndToEnd.Tests;

/// <summary>
/// The packed package in an editor: a fresh consumer project opened in a real language server (csharp-ls, over LSP on
/// stdin/stdout), whose diagnostics for Program.cs must carry KayGraph's squiggles with the right id on the right line.
/// Each culprit sits in a node class of its own and carries a marker comment (<c>// expect KGxxxx at "text"</c>, or
/// <c>// silenced KGxxxx at "text"</c> inside a <c>#pragma warning disable</c>); the expected lines and spans are read
/// from those markers.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class EditorTests(PackageFixture package, CsharpLsFixture csharpLs, ITestOutputHelper output) : IClassFixture<CsharpLsFixture>
{
    private const string ProjectName = "EditorDiagnostics";

    private const string ProgramSource = """
        using KayGraph;

        Console.WriteLine("editor");

        public sealed class Shared { public int Value; }

        public sealed class NotANode { }

        [Node]
        public partial class Sleeper
        {
            async Task<int> ExecAsync(CancellationToken ct)
            {
                System.Threading.Thread.Sleep(10); // expect KG1001 at "System.Threading.Thread.Sleep(10)"
                await Task.Delay(1, ct);
                return 1;
            }

            void Post(Shared shared, int result) => shared.Value = result;
        }

        [Node]
        public partial class QuietSleeper
        {
            async Task<int> ExecAsync(CancellationToken ct)
            {
        #pragma warning disable KG1001
                System.Threading.Thread.Sleep(10); // silenced KG1001 at "System.Threading.Thread.Sleep(10)"
        #pragma warning restore KG1001
                await Task.Delay(1, ct);
                return 1;
            }

            void Post(Shared shared, int result) => shared.Value = result;
        }

        [Node]
        public partial class PrepExecMismatch
        {
            int Prep(Shared shared) => 1;
            string Exec(string text) => text; // expect KG0004 at "text"
        }

        [Node]
        public partial class ExecPostMismatch
        {
            int Exec() => 1;
            void Post(Shared shared, string result) => shared.Value = result.Length; // expect KG0005 at "result"
        }

        [Node(MaxRetries = 0)] // expect KG0011 at "MaxRetries = 0"
        public partial class NoAttempt
        {
            void Post(Shared shared) => shared.Value++;
        }

        #pragma warning disable KG0011
        [Node(MaxRetries = 0)] // silenced KG0011 at "MaxRetries = 0"
        public partial class QuietNoAttempt
        {
            void Post(Shared shared) => shared.Value++;
        }
        #pragma warning restore KG0011

        [Node]
        [Next<NotANode>] // expect KG0006 at "Next<NotANode>"
        public partial class TransitionToAPlainClass
        {
            void Post(Shared shared) => shared.Value++;
        }
        """;

    private static readonly string[] Lines = ProgramSource.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();

    private static readonly Marker[] Markers = ReadMarkers();

    [SkippableFact]
    public async Task Editor_shows_the_blocking_call_warning_on_its_line()
    {
        var report = await ReportAsync();

        AssertSquiggles(report, Markers.Where(m => m.Expected && m.Id == "KG1001"), LspDiagnostic.Warning);
    }

    [SkippableFact]
    public async Task Editor_shows_the_declaration_errors_on_their_culprit_lines()
    {
        var report = await ReportAsync();

        var declarationErrors = Markers.Where(m => m.Expected && m.Id.StartsWith("KG0", StringComparison.Ordinal)).ToArray();
        Assert.True(declarationErrors.Select(m => m.Id).Distinct().Count() >= 3, "the program must hold at least three different declaration errors");
        AssertSquiggles(report, declarationErrors, LspDiagnostic.Error);
    }

    [SkippableFact]
    public async Task Pragma_silences_only_the_blocking_call_it_encloses()
    {
        var report = await ReportAsync();

        AssertSilencedOnlyWhereMarked(report, "KG1001", LspDiagnostic.Warning);
    }

    [SkippableFact]
    public async Task Pragma_silences_only_the_declaration_error_it_encloses()
    {
        var report = await ReportAsync();

        AssertSilencedOnlyWhereMarked(report, "KG0011", LspDiagnostic.Error);
    }

    [SkippableFact]
    public async Task Editor_shows_no_KayGraph_diagnostic_that_the_program_does_not_mark()
    {
        var report = await ReportAsync();

        var unexpected = report.Diagnostics
            .Where(d => d.Code.StartsWith("KG", StringComparison.Ordinal))
            .Where(d => !Markers.Any(m => m.Expected && m.Id == d.Code && m.Line == d.StartLine))
            .ToArray();
        Assert.True(unexpected.Length == 0, "unmarked KayGraph diagnostics:\n" + string.Join('\n', unexpected.Select(Describe)) + Listing(report));
    }

    private static string Describe(LspDiagnostic diagnostic) =>
        $"  {diagnostic} -- line {diagnostic.StartLine}: {Lines[diagnostic.StartLine].Trim()}";

    private static string Listing(EditorReport report)
    {
        var kayGraph = report.Diagnostics.Where(d => d.Code.StartsWith("KG", StringComparison.Ordinal)).ToArray();
        return $"\nKayGraph diagnostics csharp-ls reported for Program.cs ({report.Mode}):\n" +
            (kayGraph.Length == 0 ? "  (none)" : string.Join('\n', kayGraph.Select(Describe)));
    }

    private static void AssertSquiggles(EditorReport report, IEnumerable<Marker> markers, int severity)
    {
        var failures = new List<string>();
        foreach (var marker in markers)
        {
            var onLine = report.Diagnostics.Where(d => d.Code == marker.Id && d.StartLine == marker.Line).ToArray();
            if (onLine.Length == 0)
            {
                failures.Add($"no {marker.Id} on line {marker.Line} (`{Lines[marker.Line].Trim()}`)");
                continue;
            }

            if (onLine.Length > 1)
            {
                failures.Add($"{onLine.Length} {marker.Id} diagnostics on line {marker.Line}, expected one");
            }

            var diagnostic = onLine[0];
            if (diagnostic.Severity != severity)
            {
                failures.Add($"{marker.Id} on line {marker.Line} has severity {diagnostic.Severity}, expected {severity}");
            }

            if (diagnostic.EndLine != marker.Line || diagnostic.StartCharacter != marker.StartCharacter || diagnostic.EndCharacter != marker.EndCharacter)
            {
                failures.Add($"{marker.Id} on line {marker.Line} squiggles {diagnostic.StartLine}:{diagnostic.StartCharacter}-{diagnostic.EndLine}:{diagnostic.EndCharacter}, " +
                    $"expected `{marker.Text}` at {marker.Line}:{marker.StartCharacter}-{marker.Line}:{marker.EndCharacter}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures) + Listing(report));
    }

    private static void AssertSilencedOnlyWhereMarked(EditorReport report, string id, int severity)
    {
        var silenced = Markers.Where(m => !m.Expected && m.Id == id).ToArray();
        Assert.NotEmpty(silenced);
        // The same diagnostic outside the pragma must still be reported: otherwise silence proves nothing.
        AssertSquiggles(report, Markers.Where(m => m.Expected && m.Id == id), severity);
        foreach (var marker in silenced)
        {
            var reported = report.Diagnostics.Where(d => d.Code == id && d.StartLine == marker.Line).ToArray();
            Assert.True(reported.Length == 0, $"{id} on line {marker.Line} is inside `#pragma warning disable {id}` but was reported:\n" +
                string.Join('\n', reported.Select(Describe)));
        }
    }

    private async Task<EditorReport> ReportAsync()
    {
        var report = await csharpLs.ReportAsync(package, ProjectName, ProgramSource);
        output.WriteLine($"csharp-ls {CsharpLsFixture.Version}: {report.Mode}, {report.PullRequests} pull request(s), " +
            $"analyzer diagnostics after {report.Elapsed.TotalSeconds:0.0} s, server exit code {report.ServerExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(did not exit)"}");
        output.WriteLine(Listing(report));
        return report;
    }

    private static Marker[] ReadMarkers()
    {
        var markers = new List<Marker>();
        for (var line = 0; line < Lines.Length; line++)
        {
            foreach (Match match in MarkerPattern().Matches(Lines[line]))
            {
                var text = match.Groups["text"].Value;
                var start = Lines[line].IndexOf(text, StringComparison.Ordinal);
                if (start < 0 || start >= match.Index)
                {
                    throw new InvalidOperationException($"marker on line {line} names `{text}`, which the code before it does not contain");
                }

                markers.Add(new Marker(match.Groups["kind"].Value == "expect", match.Groups["id"].Value, line, start, start + text.Length, text));
            }
        }

        return markers.ToArray();
    }

    [GeneratedRegex("""// (?<kind>expect|silenced) (?<id>KG\d{4}) at "(?<text>[^"]+)"$""")]
    private static partial Regex MarkerPattern();

    /// <summary>A marked culprit: which diagnostic (expected, or silenced by a pragma) on which 0-based line and span.</summary>
    private sealed record Marker(bool Expected, string Id, int Line, int StartCharacter, int EndCharacter, string Text);
}
