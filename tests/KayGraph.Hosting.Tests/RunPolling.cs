using System.Net;
using System.Text.Json;

namespace KayGraph.Hosting.Tests;

/// <summary>Waiting for a run over HTTP: polls its <c>GET</c> route until it has a status (and a step), no longer executing.</summary>
public static class RunPolling
{
    /// <summary>
    /// Polls <paramref name="url"/> (a run's <c>GET {prefix}/{runId}</c>) every 20 ms until the run has
    /// <paramref name="status"/>, at step <paramref name="minStep"/> or later, and is not executing; every answer must be 200.
    /// </summary>
    public static async Task<JsonElement> UntilAsync(HttpClient client, string url, string status, long minStep = 0, int timeoutSeconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        JsonElement state = default;
        while (DateTime.UtcNow < until)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using (var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
            {
                state = document.RootElement.Clone();
            }

            if (state.GetProperty("status").GetString() == status && state.GetProperty("step").GetInt64() >= minStep && !state.GetProperty("executing").GetBoolean())
            {
                return state;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{url} did not become {status} at step {minStep} or later in {timeoutSeconds} s; last seen: {state}");
    }
}
