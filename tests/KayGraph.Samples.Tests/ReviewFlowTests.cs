namespace KayGraph.Samples.Tests;

/// <summary>samples/ReviewFlow: a durable review on a SQLite file, driven by several processes one after another.</summary>
public sealed class ReviewFlowTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kaygraph-reviewflow-").FullName;

    [Fact]
    public async Task A_review_suspends_is_rejected_revised_approved_and_published_across_processes()
    {
        var started = await RunAsync("start", "doc-1", "durable", "workflows");
        Assert.Contains("Run 'doc-1' waits for a review of revision 1", started.Output, StringComparison.Ordinal);
        Assert.Contains("| Why: durable workflows", started.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "reviews.db")));

        var rejected = await RunAsync("answer", "doc-1", "reject", "add", "an", "example");
        Assert.Contains("Run 'doc-1' waits for a review of revision 2", rejected.Output, StringComparison.Ordinal);
        Assert.Contains("| Revision 2: r1: add an example.", rejected.Output, StringComparison.Ordinal);

        var approved = await RunAsync("answer", "doc-1", "approve");
        var published = approved.Line("Run 'doc-1' completed at step");
        var path = published[(published.IndexOf("published to ", StringComparison.Ordinal) + "published to ".Length)..];
        Assert.Equal(_directory, Path.GetDirectoryName(path));
        var markdown = await File.ReadAllTextAsync(path);
        Assert.StartsWith("# durable workflows", markdown, StringComparison.Ordinal);
        Assert.Contains("Revision 2: r1: add an example.", markdown, StringComparison.Ordinal);

        var again = await RunAsync("resume", "doc-1");
        Assert.Contains("Run 'doc-1' completed", again.Output, StringComparison.Ordinal);   // a completed run runs nothing
        Assert.Single(Directory.GetFiles(_directory, "published-*.md"));

        var history = await RunAsync("history", "doc-1");
        var steps = history.Lines.Where(l => l.StartsWith("step", StringComparison.Ordinal)).ToArray();
        Assert.Contains(steps, l => l.Contains("Suspended", StringComparison.Ordinal));
        Assert.Contains("Completed", steps[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_run_is_named()
    {
        var run = await SampleProcess.RunAsync("ReviewFlow", ["resume", "nobody"], TimeSpan.FromSeconds(60), _directory);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nobody", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<SampleRun> RunAsync(params string[] arguments)
    {
        var run = await SampleProcess.RunAsync("ReviewFlow", arguments, TimeSpan.FromSeconds(60), _directory);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }
}
