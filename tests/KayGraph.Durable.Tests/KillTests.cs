using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Sqlite;
using Xunit;

namespace KayGraph.Durable.Tests;

/// <summary>
/// Durability proven with real processes: a child process runs a durable graph on a SQLite file and is killed (SIGKILL) at
/// random moments; two processes resume one run at once; a run suspended in one process is answered in another.
/// </summary>
public sealed class KillTests : IDisposable
{
    private static readonly string Worker = Path.GetFullPath(typeof(KillTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WorkerPath").Value!);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kaygraph-kill-" + Guid.NewGuid().ToString("N"));

    public KillTests()
    {
        Directory.CreateDirectory(_directory);
    }

    private string Database => Path.Combine(_directory, "runs.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_run_killed_at_random_moments_resumes_each_time_and_applies_every_step_exactly_once()
    {
        const int Steps = 400;
        var random = new Random(20261201);
        var kills = 0;
        var starts = 0;
        string? output = null;
        while (output is null)
        {
            Assert.True(++starts < 60, $"the run did not complete after {starts} starts and {kills} kills");
            using var worker = Start("count", Database, "tally", Steps.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var killAfter = TimeSpan.FromMilliseconds(random.Next(150, 700));
            if (kills < 5 && !worker.Process.WaitForExit(killAfter))
            {
                worker.Process.Kill(entireProcessTree: true); // SIGKILL: no finally block, no flush, no dispose
                await worker.Process.WaitForExitAsync();
                kills++;
                continue;
            }

            var (exit, text) = await worker.FinishAsync();
            Assert.True(exit == 0, text);
            output = text;
        }

        Assert.True(kills >= 5, $"only {kills} kills landed before the run completed");
        Assert.Equal($"completed {Steps}", output.Trim());
        await using var store = new SqliteCheckpointStore($"Data Source={Database}");
        var latest = (await store.GetLatestAsync("tally"))!;
        Assert.Equal(RunStatus.Completed, latest.Status);
        using var shared = JsonDocument.Parse(latest.Shared);
        Assert.Equal(Enumerable.Range(1, Steps), shared.RootElement.GetProperty("Seen").EnumerateArray().Select(e => e.GetInt32()));
        var steps = new List<long>();
        await foreach (var checkpoint in store.GetHistoryAsync("tally"))
        {
            steps.Add(checkpoint.Step);
        }

        Assert.Equal(Enumerable.Range(0, steps.Count).Select(i => (long)i), steps);
        Assert.Equal(Steps + 1, steps.Count); // step 0, one per node visit, the last one marking completion
    }

    [Fact]
    public async Task A_run_suspended_in_one_process_is_answered_in_another()
    {
        var (askExit, asked) = await Start("ask", Database, "review").FinishAsync();
        Assert.Equal(0, askExit);
        Assert.StartsWith("suspended Decide draft by ", asked, StringComparison.Ordinal);

        var (stillExit, still) = await Start("resume", Database, "review").FinishAsync();
        var (answerExit, answered) = await Start("answer", Database, "review", "yes", "alice").FinishAsync();

        Assert.Equal(0, stillExit);
        Assert.Equal("suspended write", still.Trim());
        Assert.Equal(0, answerExit);
        Assert.StartsWith("completed write,approved by alice,ship ", answered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_processes_resuming_one_run_at_once_let_exactly_one_proceed()
    {
        Assert.Equal(0, (await Start("ask", Database, "race").FinishAsync()).Exit);

        using var alice = Start("answer", Database, "race", "yes", "alice");
        using var bob = Start("answer", Database, "race", "yes", "bob");
        var results = await Task.WhenAll(alice.FinishAsync(), bob.FinishAsync());

        var winners = results.Where(r => r.Exit == 0).ToList();
        var losers = results.Where(r => r.Exit != 0).ToList();
        Assert.True(winners.Count == 1, string.Join(" | ", results.Select(r => r.Exit + ": " + r.Output)));
        Assert.All(losers, r => Assert.True(r.Exit is 3 or 4, r.Output)); // 3: CheckpointConflictException; 4: the run had moved on
        await using var store = new SqliteCheckpointStore($"Data Source={Database}");
        var latest = (await store.GetLatestAsync("race"))!;
        Assert.Equal(RunStatus.Completed, latest.Status);
        using var shared = JsonDocument.Parse(latest.Shared);
        var trail = shared.RootElement.GetProperty("Trail").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(3, trail.Count);
        Assert.Single(trail, t => t.StartsWith("approved by ", StringComparison.Ordinal));
        Assert.Single(trail, t => t.StartsWith("ship ", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Output.Contains("conflict", StringComparison.Ordinal));
    }

    private static Child Start(params string[] arguments)
    {
        Assert.True(File.Exists(Worker), $"the worker is not built at {Worker}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Worker);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new Child(Process.Start(info)!);
    }

    /// <summary>A child process whose output is read as it runs (so a full pipe never blocks it).</summary>
    private sealed class Child : IDisposable
    {
        private readonly Task<string> _output;
        private readonly Task<string> _error;

        public Child(Process process)
        {
            Process = process;
            _output = process.StandardOutput.ReadToEndAsync();
            _error = process.StandardError.ReadToEndAsync();
        }

        public Process Process { get; }

        public async Task<(int Exit, string Output)> FinishAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await Process.WaitForExitAsync(timeout.Token);
            return (Process.ExitCode, await _output + await _error);
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }
}
