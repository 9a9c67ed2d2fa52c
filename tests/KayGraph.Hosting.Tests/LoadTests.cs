using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.Json;
using KayGraph.Sqlite;
using Xunit.Abstractions;

namespace KayGraph.Hosting.Tests;

/// <summary>
/// 1,000 concurrent durable runs through the HTTP API of the WebApi sample, a real process on loopback with its SQLite
/// file: each is started, watched over server-sent events until it asks, answered twice at once, and watched until it
/// completes. Asserted: none lost, none answered twice, every history exactly five steps. Measured, not asserted:
/// throughput and start-to-complete latency, written to the test output and to artifacts/load/hosting-load.json
/// (docs/benchmarks.md records a run).
/// </summary>
public sealed class LoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Runs = 1000;

    private const int Alone = 50;

    private readonly TempDatabase _file = new();

    private string Database => _file.Path;

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_thousand_concurrent_runs_through_the_api_none_lost_none_answered_twice()
    {
        await using var app = await WebApiProcess.StartAsync(Database, paragraphDelayMilliseconds: 10);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(5) };
        var latencies = new ConcurrentBag<double>();
        var accepted = new ConcurrentDictionary<string, int>();
        var refused = 0;
        var clock = Stopwatch.StartNew();

        async Task<double> OneRunAsync(string runId, string topic)
        {
            var started = Stopwatch.GetTimestamp();
            using (var created = await client.PostAsync($"/reviews?runId={runId}", ReviewApp.Json(new { topic })))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            var asked = await SseReader.ReadAllAsync(client, $"/reviews/{runId}/events", timeoutSeconds: 240);
            Assert.Equal("suspended", asked[^1].Data.GetProperty("status").GetString());
            var answers = await Task.WhenAll(
                client.PostAsync($"/reviews/{runId}/answer", ReviewApp.Json(new { approved = true, note = "first" })),
                client.PostAsync($"/reviews/{runId}/answer", ReviewApp.Json(new { approved = true, note = "second" })));
            foreach (var answer in answers)
            {
                if (answer.StatusCode == HttpStatusCode.Accepted)
                {
                    accepted.AddOrUpdate(runId, 1, (_, n) => n + 1);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
                    Interlocked.Increment(ref refused);
                }

                answer.Dispose();
            }

            var done = await SseReader.ReadAllAsync(client, $"/reviews/{runId}/events", timeoutSeconds: 240);
            Assert.Equal("completed", done[^1].Data.GetProperty("status").GetString());
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        await Task.WhenAll(Enumerable.Range(0, Runs).Select(i => Task.Run(async () => latencies.Add(await OneRunAsync($"load-{i:D4}", $"topic {i}")))));

        clock.Stop();
        var alone = new List<double>(); // the same run with nothing else going on: the API's own latency
        for (var i = 0; i < Alone; i++)
        {
            alone.Add(await OneRunAsync($"alone-{i:D2}", "alone"));
        }

        Assert.Equal(Runs + Alone, accepted.Count);
        Assert.All(accepted.Values, n => Assert.Equal(1, n)); // none answered twice ...
        Assert.Equal(Runs + Alone, refused);                            // ... the other answer of each pair was refused
        await using (var store = new SqliteCheckpointStore($"Data Source={Database}"))
        {
            var count = 0;
            await foreach (var runId in store.ListRunsAsync())
            {
                count++;
                var steps = new List<Checkpoint>();
                await foreach (var checkpoint in store.GetHistoryAsync(runId))
                {
                    steps.Add(checkpoint);
                }

                Assert.Equal([0L, 1, 2, 3, 4], steps.Select(s => s.Step)); // none lost, no step twice
                Assert.Equal(RunStatus.Completed, steps[^1].Status);
                using var shared = JsonDocument.Parse(steps[^1].Shared);
                Assert.Single(shared.RootElement.GetProperty("notes").EnumerateArray());
            }

            Assert.Equal(Runs + Alone, count);
        }

        var sorted = latencies.Order().ToArray(); // the burst: every run in flight at once, so each waits for nearly all

        var report = new
        {
            runs = Runs,
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            runsPerSecond = Math.Round(Runs / clock.Elapsed.TotalSeconds, 1),
            p50Milliseconds = Math.Round(sorted[sorted.Length / 2], 1),
            p99Milliseconds = Math.Round(sorted[(int)(sorted.Length * 0.99) - 1], 1),
            maxMilliseconds = Math.Round(sorted[^1], 1),
            aloneRuns = Alone,
            aloneP50Milliseconds = Math.Round(alone.Order().ElementAt(Alone / 2), 1),
            aloneP99Milliseconds = Math.Round(alone.Order().ElementAt((int)(Alone * 0.99) - 1), 1),
            requestsPerRun = 5,
            checkpointsPerRun = 5,
            machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            at = DateTimeOffset.UtcNow,
        };
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
        output.WriteLine(json);
        var folder = Path.Combine(typeof(LoadTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!, "artifacts", "load");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "hosting-load.json"), json);
    }
}
