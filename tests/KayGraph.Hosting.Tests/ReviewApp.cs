using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KayGraph.Hosting.Tests;

/// <summary>
/// The WebApi sample under WebApplicationFactory, on a SQLite file of its own: the app exactly as <c>dotnet run</c> starts
/// it, with the draft's delay and the database from settings. Dispose stops the host (gracefully); a second instance on
/// the same file is the app restarted.
/// </summary>
public sealed class ReviewApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public ReviewApp(string database, int paragraphDelayMilliseconds = 20, IDictionary<string, string?>? settings = null)
    {
        Database = database;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Reviews", $"Data Source={database}");
            web.UseSetting("Review:ParagraphDelayMilliseconds", paragraphDelayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                web.UseSetting(key, value);
            }
        });
        Client = _factory.CreateClient();
    }

    public string Database { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"kaygraph-web-{Guid.NewGuid():N}.db");

    public async Task<HttpResponseMessage> StartAsync(string topic, string? runId = null) =>
        await Client.PostAsync(runId is null ? "/reviews" : $"/reviews?runId={Uri.EscapeDataString(runId)}", Json(new { topic }));

    public async Task<string> StartRunAsync(string topic, string? runId = null)
    {
        using var response = await StartAsync(topic, runId);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("runId").GetString()!;
    }

    public Task<HttpResponseMessage> AnswerAsync(string runId, object answer) =>
        Client.PostAsync($"/reviews/{Uri.EscapeDataString(runId)}/answer", Json(answer));

    public async Task<JsonElement> GetAsync(string runId)
    {
        using var response = await Client.GetAsync($"/reviews/{Uri.EscapeDataString(runId)}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls <c>GET /reviews/{runId}</c> until the run has <paramref name="status"/> and is no longer executing.</summary>
    public Task<JsonElement> WaitForAsync(string runId, string status, int timeoutSeconds = 30) =>
        RunPolling.UntilAsync(Client, $"/reviews/{Uri.EscapeDataString(runId)}", status, timeoutSeconds: timeoutSeconds);

    public static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static StringContent Raw(string text, string mediaType = "application/json") =>
        new(text, Encoding.UTF8, new MediaTypeHeaderValue(mediaType).MediaType!);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}

/// <summary>A server-sent event as the tests read it.</summary>
public sealed record Sse(string Event, JsonElement Data);

public static class SseReader
{
    /// <summary>Reads the whole stream (it ends when the run completes, fails or suspends) into events.</summary>
    public static async Task<List<Sse>> ReadAllAsync(HttpClient client, string url, int timeoutSeconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<Sse>();
        string? name = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    events.Add(new Sse(name ?? "message", JsonDocument.Parse(data.ToString()).RootElement.Clone()));
                }

                name = null;
                data.Clear();
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
        }

        return events;
    }
}
