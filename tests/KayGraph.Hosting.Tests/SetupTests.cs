using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KayGraph.Hosting.Tests;

/// <summary>Setting hosting up: what AddKayGraph and MapKayGraph accept, refuse (naming why), bind and inject.</summary>
public sealed class SetupTests
{
    [Fact]
    public void A_graph_that_is_not_durable_is_refused_naming_what_to_declare()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddKayGraph().AddGraph<InMemoryOnly>());

        Assert.Equal(
            $"Graph '{typeof(InMemoryOnly).FullName}' is not durable: hosting needs checkpoints to run it in the background and resume it; declare it with [Graph(..., Durable = true)].",
            error.Message);
    }

    [Fact]
    public void A_class_that_is_not_a_graph_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddKayGraph().AddGraph<SetupTests>());

        Assert.Contains("is not a KayGraph graph", error.Message);
    }

    [Fact]
    public async Task Mapping_a_graph_that_was_not_added_names_the_call_to_make()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.CreateTempSubdirectory("kaygraph-setup-").FullName });
        builder.WebHost.UseTestServer();
        builder.Services.AddKayGraph().AddGraph<Counting>();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapKayGraph<Asking>("/asking"));

        Assert.Equal(
            $"Graph '{typeof(Asking).FullName}' is not hosted: add it with services.AddKayGraph().AddGraph<Asking>() before mapping its routes.",
            error.Message);
    }

    [Fact]
    public async Task Options_come_from_the_KayGraph_section_then_from_code_and_bad_values_fail_the_start()
    {
        await using (var app = Build(new() { ["KayGraph:MaxConcurrentRuns"] = "3", ["KayGraph:StrictActions"] = "true" }, o => o.EventReplayLimit = 7))
        {
            var options = app.Services.GetRequiredService<IOptions<KayGraphOptions>>().Value;
            Assert.Equal(3, options.MaxConcurrentRuns);
            Assert.True(options.StrictActions);
            Assert.Equal(7, options.EventReplayLimit);
        }

        var error = Assert.Throws<OptionsValidationException>(() => Build(new() { ["KayGraph:MaxConcurrentRuns"] = "-1" }));
        Assert.Contains("KayGraph:MaxConcurrentRuns must be 0 (no limit) or more.", error.Message);
    }

    [Fact]
    public async Task Nodes_come_from_a_service_scope_of_their_own_run_and_a_failing_node_fails_the_run_with_its_error()
    {
        await using var app = Build(new());
        await app.StartAsync();
        var client = app.GetTestClient();

        using var ok = await client.PostAsync("/counting?runId=a", ReviewApp.Json(new { limit = 3 }));
        using var other = await client.PostAsync("/counting?runId=c", ReviewApp.Json(new { limit = 2 }));
        using var failing = await client.PostAsync("/counting?runId=b", ReviewApp.Json(new { limit = -1 }));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Created, failing.StatusCode);

        var a = await WaitAsync(client, "/counting/a", "completed");
        Assert.Equal(3, a.GetProperty("shared").GetProperty("Count").GetInt32()); // reflection JSON: the store's own names
        var scopes = a.GetProperty("shared").GetProperty("Scopes").EnumerateArray().Select(e => e.GetString()).Distinct().ToList();
        Assert.Single(scopes); // every node of the run saw one scope ...
        var c = await WaitAsync(client, "/counting/c", "completed");
        Assert.NotEqual(scopes[0], c.GetProperty("shared").GetProperty("Scopes")[0].GetString()); // ... and another run another
        var b = await WaitAsync(client, "/counting/b", "failed");
        Assert.Equal(0, b.GetProperty("shared").GetProperty("Scopes").GetArrayLength()); // the store as it was before the failed node
        Assert.Equal("System.ArgumentOutOfRangeException", b.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("limit", b.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(["Step"], b.GetProperty("position").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_failed_run_is_resumed_over_http_once_its_cause_is_fixed_and_a_completed_one_is_409()
    {
        await using var app = Build(new());
        await app.StartAsync();
        var client = app.GetTestClient();
        using var created = await client.PostAsync("/counting?runId=flaky", ReviewApp.Json(new { limit = -1 }));
        await WaitAsync(client, "/counting/flaky", "failed");

        var store = app.Services.GetRequiredService<ICheckpointStore>();
        var failed = (await store.GetLatestAsync("flaky"))!;
        await store.SaveAsync(new Checkpoint // an operator repairs the store: the next step, with a valid limit
        {
            RunId = failed.RunId,
            Step = failed.Step + 1,
            Graph = failed.Graph,
            Fingerprint = failed.Fingerprint,
            Position = failed.Position,
            Status = RunStatus.Failed,
            Error = failed.Error,
            Shared = failed.Shared.Replace("\"Limit\":-1", "\"Limit\":2", StringComparison.Ordinal),
        });

        using var resumed = await client.PostAsync("/counting/flaky/resume", null);

        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
        var done = await WaitAsync(client, "/counting/flaky", "completed");
        Assert.Equal(2, done.GetProperty("shared").GetProperty("Count").GetInt32());
        using var again = await client.PostAsync("/counting/flaky/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var problem = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal("completed", problem.RootElement.GetProperty("runStatus").GetString());
        using var unknown = await client.PostAsync("/counting/nope/resume", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Strict_actions_from_configuration_fail_a_run_whose_node_returns_an_undeclared_action()
    {
        await using var app = Build(new() { ["KayGraph:StrictActions"] = "true" });
        await app.StartAsync();
        var client = app.GetTestClient();

        using var created = await client.PostAsync("/counting?runId=odd", ReviewApp.Json(new { limit = 2, Detour = true }));

        var state = await WaitAsync(client, "/counting/odd", "failed");
        Assert.Equal(typeof(UnknownActionException).FullName, state.GetProperty("error").GetProperty("type").GetString());
    }

    private static WebApplication Build(Dictionary<string, string?> settings, Action<KayGraphOptions>? configure = null)
    {
        // A content root of its own: the test's output folder holds the WebApi sample's appsettings.json.
        var root = Directory.CreateTempSubdirectory("kaygraph-setup-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = root });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddScoped<RunScope>();
        builder.Services.AddKayGraph(configure).AddGraph<Counting>();
        var app = builder.Build();
        app.MapKayGraph<Counting>("/counting");
        return app;
    }

    private static Task<JsonElement> WaitAsync(HttpClient client, string url, string status) => RunPolling.UntilAsync(client, url, status);
}

/// <summary>A scoped service: one per run.</summary>
public sealed class RunScope
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}

public sealed class Tally
{
    public int Limit { get; set; }

    public int Count { get; set; }

    public bool Detour { get; set; }

    public List<string> Scopes { get; set; } = new();
}

/// <summary>Counts to the limit, one checkpoint a step; a negative limit throws; a detour returns an undeclared action.</summary>
[Node]
[Next<Step>("more")]
[End]
public partial class Step(RunScope scope)
{
    private int Prep(Tally tally)
    {
        tally.Scopes.Add(scope.Id);
        return tally.Limit < 0 ? throw new ArgumentOutOfRangeException(nameof(tally), "The limit must not be negative.") : tally.Limit;
    }

    private string? Post(Tally tally, int limit)
    {
        if (tally.Detour)
        {
            return "detour";
        }

        tally.Count++;
        return tally.Count < limit ? "more" : null;
    }
}

[Graph(typeof(Step), Durable = true)]
public partial class Counting;

[Node]
public partial class Ask
{
    private int Exec(Interrupt<string, int> question) => question.Ask("how many?");

    private void Post(Tally tally, int answer) => tally.Count = answer;
}

[Graph(typeof(Ask), Durable = true)]
public partial class Asking;

[Graph(typeof(Step))]
public partial class InMemoryOnly;
