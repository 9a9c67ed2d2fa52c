using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace KayGraph.EndToEnd.Tests;

/// <summary>
/// The design's hosting contract in a fresh web project that references the packed KayGraph and KayGraph.Hosting: two
/// lines (AddKayGraph, MapKayGraph) give the routes; the app is built and run from the command line and driven over HTTP.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class HostingConsumerTests(PackageFixture package)
{
    private const string App = """
        using KayGraph;
        using KayGraph.Hosting;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddKayGraph().AddGraph<ReviewFlow>().AddSqliteCheckpoints("Data Source=runs.db");
        var app = builder.Build();
        app.MapKayGraph<ReviewFlow>("/reviews");
        app.Run();
        """ + "\n\n" + DurableConsumerTests.ReviewNodes;

    [Fact]
    public async Task A_web_app_with_AddKayGraph_and_MapKayGraph_from_the_packages_serves_the_routes_of_the_contract()
    {
        var directory = package.CreateConsumer(
            "HostedReview",
            App,
            $"<PackageReference Include=\"KayGraph.Hosting\" Version=\"{package.Version}\" />",
            web: true);
        DotNet.Run(directory, "build", "-c", "Release").ShouldSucceed();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"bin/Release/net10.0/HostedReview.dll --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        DotNet.IsolateFromTestHost(start);
        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var created = await RetryAsync(() => http.PostAsync("/reviews?runId=doc-7", Json("{\"draft\": \"hello\"}")), process, output);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/reviews/doc-7", created.Headers.Location!.OriginalString);

            var waiting = await WaitAsync(http, "suspended");
            Assert.Equal("Review", waiting.GetProperty("pending").GetProperty("node").GetString());
            Assert.Equal("hello world", waiting.GetProperty("pending").GetProperty("request").GetProperty("Draft").GetString());

            using var wrong = await http.PostAsync("/reviews/doc-7/answer", Json("{\"approved\": 3}"));
            Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
            Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
            using var unknown = await http.GetAsync("/reviews/nope");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

            using var events = await http.GetAsync("/reviews/doc-7/events");
            Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
            Assert.Contains("event: runSuspended", await events.Content.ReadAsStringAsync());

            using var answered = await http.PostAsync("/reviews/doc-7/answer", Json("{\"approved\": true}"));
            Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
            var done = await WaitAsync(http, "completed");
            Assert.True(done.GetProperty("shared").GetProperty("Published").GetBoolean());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> RetryAsync(Func<Task<HttpResponseMessage>> send, Process process, StringBuilder output)
    {
        for (var i = 0; i < 300; i++)
        {
            Assert.False(process.HasExited, $"the app exited:\n{output}");
            try
            {
                return await send();
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"the app did not answer:\n{output}");
    }

    private static async Task<JsonElement> WaitAsync(HttpClient http, string status)
    {
        for (var i = 0; i < 1500; i++)
        {
            using var state = JsonDocument.Parse(await http.GetStringAsync("/reviews/doc-7"));
            if (state.RootElement.GetProperty("status").GetString() == status && !state.RootElement.GetProperty("executing").GetBoolean())
            {
                return state.RootElement.Clone();
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"doc-7 did not become {status}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
