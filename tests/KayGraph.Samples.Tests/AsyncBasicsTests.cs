using System.Globalization;
using System.Text.RegularExpressions;

namespace KayGraph.Samples.Tests;

/// <summary>samples/AsyncBasics (lessons 1 and 2), run as a process.</summary>
public sealed partial class AsyncBasicsTests
{
    [Fact]
    public async Task Lesson_1_blocking_is_slower_than_awaiting_and_the_flaky_service_falls_back()
    {
        var run = await SampleProcess.RunAsync("AsyncBasics", ["1"], TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.ToString());

        var sync = Seconds(run.Line("3 × sync  (Thread.Sleep 1 s)"));
        var awaited = Seconds(run.Line("3 × async (Task.Delay 1 s)"));
        Assert.True(sync >= 2.9, run.ToString());                 // three sleeps one after another
        Assert.InRange(awaited, 0.9, sync - 0.5);                   // three delays at once: clearly faster
        Assert.EndsWith(" 6", run.Line("nodes completed"), StringComparison.Ordinal);
        Assert.Equal(3, run.Lines.Count(l => l.StartsWith("· prep  https://api.example.com/", StringComparison.Ordinal)));
        Assert.Equal(3, run.Lines.Count(l => l.StartsWith("· post  https://api.example.com/", StringComparison.Ordinal)));
        Assert.EndsWith("fresh quote (attempt 1)", run.Line("seed 0: result"), StringComparison.Ordinal);
        Assert.EndsWith("fresh quote (attempt 2)", run.Line("seed 3: result"), StringComparison.Ordinal);
        Assert.Contains("cached quote (fallback after: attempt 3:", run.Line("seed 1: result"), StringComparison.Ordinal);
        Assert.EndsWith(" 3", run.Line("seed 1: attempts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lesson_2_branches_on_the_data_and_reports_errors()
    {
        var run = await SampleProcess.RunAsync("AsyncBasics", ["2"], TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.ToString());

        Assert.Contains("flowchart", run.Output, StringComparison.Ordinal);
        var lastActions = run.Lines.Where(l => l.StartsWith("last action", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, lastActions.Length);
        Assert.Contains("StandardAnalysis  (sync)   summarized the items", run.Output, StringComparison.Ordinal);
        Assert.Contains("DeepAnalysis      (async)  clustered the items", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, run.Lines.Count(l => l == "store: cleaned up            yes"));
        Assert.Contains("UnreliableService failed: upstream service returned 503; on_error suppresses it", run.Output, StringComparison.Ordinal);
        Assert.Contains("ErrorReporter reported: upstream service returned 503", run.Output, StringComparison.Ordinal);
        Assert.Contains("the error left the graph: node 'UnreliableService', phase exec", run.Output, StringComparison.Ordinal);
        Assert.Contains("original exception: InvalidOperationException: upstream service returned 503", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_lesson_is_refused()
    {
        var run = await SampleProcess.RunAsync("AsyncBasics", ["9"], TimeSpan.FromSeconds(30));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown lesson '9'", run.Error, StringComparison.Ordinal);
    }

    private static double Seconds(string line)
    {
        var match = SecondsPattern().Match(line);
        Assert.True(match.Success, line);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(\d+\.\d+) s$")]
    private static partial Regex SecondsPattern();
}
