using System.Net;
using System.Text.Json;
using KayGraph.Sqlite;

namespace KayGraph.Hosting.Tests;

/// <summary>Runs that were going when the host stopped, gracefully or killed, go on when it starts again.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempDatabase _file = new();

    private string Database => _file.Path;

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_host_stopped_in_the_middle_of_a_run_resumes_it_when_it_starts_again()
    {
        string runId;
        await using (var first = new ReviewApp(Database, paragraphDelayMilliseconds: 2000))
        {
            runId = await first.StartRunAsync("restart me");
            var state = await first.GetAsync(runId);
            Assert.True(state.GetProperty("executing").GetBoolean()); // drafting: 3 paragraphs, 2 s each
        }

        var stopped = await LatestAsync(runId);
        Assert.Equal(RunStatus.Running, stopped.Status); // stopped at its last checkpoint, not failed
        Assert.Equal(0, stopped.Step);

        await using var second = new ReviewApp(Database, paragraphDelayMilliseconds: 10);
        var resumed = await second.WaitForAsync(runId, "suspended");

        Assert.Equal(3, resumed.GetProperty("shared").GetProperty("paragraphs").GetArrayLength());
        Assert.Equal([0L, 1, 2], await StepsAsync(runId)); // the draft ran again from prep; no step twice
        using var answered = await second.AnswerAsync(runId, new { approved = true });
        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        await second.WaitForAsync(runId, "completed");
    }

    [Fact]
    public async Task A_host_killed_in_the_middle_of_a_run_resumes_it_when_it_starts_again()
    {
        string runId;
        await using (var first = await WebApiProcess.StartAsync(Database, paragraphDelayMilliseconds: 1500))
        {
            using var created = await first.Client.PostAsync("/reviews?runId=killed", ReviewApp.Json(new { topic = "kill me" }));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            runId = "killed";
            await Task.Delay(500); // inside the draft's first paragraph
            await first.KillAsync();
        }

        Assert.Equal(RunStatus.Running, (await LatestAsync(runId)).Status);

        await using var second = await WebApiProcess.StartAsync(Database, paragraphDelayMilliseconds: 10);
        var state = await WaitForAsync(second.Client, runId, "suspended");
        Assert.Equal(2, state.GetProperty("step").GetInt64());
        Assert.Contains("Resumed 1 run(s) of graph 'ReviewWorkflow'", second.Output);
        using var answered = await second.Client.PostAsync($"/reviews/{runId}/answer", ReviewApp.Json(new { approved = true }));
        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        var done = await WaitForAsync(second.Client, runId, "completed");
        Assert.StartsWith("# kill me", done.GetProperty("shared").GetProperty("published").GetString());
        Assert.Equal([0L, 1, 2, 3, 4], await StepsAsync(runId));
    }

    private async Task<Checkpoint> LatestAsync(string runId)
    {
        await using var store = new SqliteCheckpointStore($"Data Source={Database}");
        return (await store.GetLatestAsync(runId))!;
    }

    private async Task<List<long>> StepsAsync(string runId)
    {
        await using var store = new SqliteCheckpointStore($"Data Source={Database}");
        var steps = new List<long>();
        await foreach (var checkpoint in store.GetHistoryAsync(runId))
        {
            steps.Add(checkpoint.Step);
        }

        return steps;
    }

    private static Task<JsonElement> WaitForAsync(HttpClient client, string runId, string status) =>
        RunPolling.UntilAsync(client, $"/reviews/{runId}", status);
}
