using System.Globalization;
using System.Text.RegularExpressions;

namespace KayGraph.Samples.Tests;

/// <summary>samples/ParallelOperations (lesson 3), run as a process with its output redirected (so: plain progress lines).</summary>
public sealed partial class ParallelOperationsTests
{
    private const int Items = 10;
    private const int Delay = 100;

    [Fact]
    public async Task Batch_kinds_side_by_side_rate_limit_progress_and_a_failing_item()
    {
        var run = await SampleProcess.RunAsync("ParallelOperations", ["--items", $"{Items}", "--delay", $"{Delay}"], TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.ToString());

        // 1. The comparison table: time, most at once, results, results in input order (a row that says "no" is not found).
        var sequential = Row(run, "[BatchNode]");
        var parallel = Row(run, "[ParallelBatchNode]");
        var limited = Row(run, "[ParallelBatchNode(MaxConcurrency = 5)]");
        Assert.Equal((1, Items), (sequential.Peak, sequential.Results));
        Assert.Equal((Items, Items), (parallel.Peak, parallel.Results));
        Assert.Equal((5, Items), (limited.Peak, limited.Results));
        Assert.True(sequential.Seconds >= Items * Delay / 1000.0, run.ToString());   // one after another: at least the sum
        Assert.True(sequential.Seconds > parallel.Seconds && sequential.Seconds > limited.Seconds, run.ToString());

        // 2. The tutorial's semaphore and MaxConcurrency = 5 hold the same limit.
        Assert.Contains($"at most 5 at once, {Items} results", run.Line("SemaphoreSlim(5) + Task.WhenAll"), StringComparison.Ordinal);
        Assert.Single(run.Lines, l => l.StartsWith("[ParallelBatchNode(MaxConcurrency = 5)]", StringComparison.Ordinal) && l.EndsWith($"at most 5 at once, {Items} results", StringComparison.Ordinal));

        // 3. Progress from BatchProgress events, plain because the output is redirected.
        Assert.Contains("· DownloadImages started", run.Lines);
        Assert.Contains(run.Lines, l => l.StartsWith("· progress", StringComparison.Ordinal) && l.EndsWith("100%", StringComparison.Ordinal) && l.Contains($"{Items * 2}/{Items * 2}", StringComparison.Ordinal));
        Assert.DoesNotContain("\u001b[", run.Output, StringComparison.Ordinal);   // no ANSI escapes in a redirected run
        Assert.Equal($"items done                               {Items * 2}/{Items * 2}", run.Line("items done"));
        var downloadsAtOnce = int.Parse(run.Line("most downloads at once").Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
        Assert.InRange(downloadsAtOnce, 2, 8);   // concurrent, never above MaxConcurrency = 8
        Assert.EndsWith(" yes", run.Line("results in input order"), StringComparison.Ordinal);

        // 4. The failing item: retried, then answered by the fallback; without one, the batch fails naming the node.
        Assert.Contains("CheckPrices: attempt 1 failed (price service answered 503 for product 7 (attempt 1)); again in 50 ms", run.Output, StringComparison.Ordinal);
        Assert.EndsWith($"{Items} ({Items - 1} priced, 1 failed)", run.Line("with ExecFallback: results"), StringComparison.Ordinal);
        Assert.EndsWith("price service answered 503 for product 7 (attempt 2)", run.Line("product 7"), StringComparison.Ordinal);
        Assert.EndsWith("NodeExecutionException from node 'CheckPricesStrictly', phase exec, attempt 1 of 1", run.Line("without a fallback: error"), StringComparison.Ordinal);
        Assert.EndsWith("HttpRequestException: price service answered 503 for product 7 (attempt 1)", run.Line("inner exception"), StringComparison.Ordinal);
        Assert.EndsWith("StrictPriceRun: System.Net.Http.HttpRequestException", run.Line("event GraphFailed"), StringComparison.Ordinal);
        Assert.EndsWith(" 0", run.Line("results in the store"), StringComparison.Ordinal);
        var done = int.Parse(RowNumbers().Match(run.Line("items done before it stopped")).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(done, 0, Items - 1);   // product 7 failed, so not every item finished
    }

    [Fact]
    public async Task Unknown_arguments_are_refused_with_the_usage()
    {
        var run = await SampleProcess.RunAsync("ParallelOperations", ["--fast"], TimeSpan.FromSeconds(30));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage: ParallelOperations", run.Error, StringComparison.Ordinal);
    }

    private static (double Seconds, int Peak, int Results) Row(SampleRun run, string kind)
    {
        var line = run.Lines.Single(l => l.StartsWith(kind + " ", StringComparison.Ordinal) && l.EndsWith(" yes", StringComparison.Ordinal) && l.Contains(" s ", StringComparison.Ordinal));
        var match = TableRow().Match(line[kind.Length..]);
        Assert.True(match.Success, line);
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\s+(\d+\.\d+) s\s+(\d+)\s+(\d+)\s+yes$")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"(\d+) of \d+$")]
    private static partial Regex RowNumbers();
}
