using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace KayGraph.Hosting.Tests;

/// <summary>Every route of <c>MapKayGraph</c> and every error it answers, on the WebApi sample over HTTP.</summary>
public sealed class RouteTests : IAsyncLifetime
{
    private ReviewApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new ReviewApp(ReviewApp.NewDatabase());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Start_answers_201_with_the_location_and_the_run_goes_on_in_the_background_until_it_asks()
    {
        using var response = await _app.StartAsync("hosting");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var runId = created.RootElement.GetProperty("runId").GetString()!;
        Assert.Equal(32, runId.Length); // a new id when none is given
        Assert.Equal("running", created.RootElement.GetProperty("status").GetString());
        Assert.Equal($"/reviews/{runId}", response.Headers.Location!.OriginalString);

        var state = await _app.WaitForAsync(runId, "suspended");
        Assert.Equal(2, state.GetProperty("step").GetInt64());
        Assert.Equal(["Review"], state.GetProperty("position").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("hosting", state.GetProperty("shared").GetProperty("topic").GetString());
        var pending = state.GetProperty("pending");
        Assert.Equal("Review", pending.GetProperty("node").GetString());
        Assert.Equal("WebApiSample.Verdict", pending.GetProperty("answerType").GetString());
        Assert.Equal("WebApiSample.ReviewRequest", pending.GetProperty("requestType").GetString());
        Assert.Equal(1, pending.GetProperty("request").GetProperty("revision").GetInt32());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Start_with_a_run_id_uses_it_and_a_second_start_of_that_id_is_409()
    {
        Assert.Equal("order-42", await _app.StartRunAsync("first", "order-42"));

        using var again = await _app.StartAsync("second", "order-42");

        var problem = await Problem(again, HttpStatusCode.Conflict);
        Assert.Equal("Run exists", problem.GetProperty("title").GetString());
        Assert.Contains("'order-42'", problem.GetProperty("detail").GetString());
        Assert.Equal("order-42", problem.GetProperty("runId").GetString());
        var state = await _app.WaitForAsync("order-42", "suspended");
        Assert.Equal("first", state.GetProperty("shared").GetProperty("topic").GetString()); // the first run is untouched
    }

    [Fact]
    public async Task Broken_json_is_400_naming_the_line_and_position()
    {
        using var response = await _app.Client.PostAsync("/reviews", ReviewApp.Raw("{\n  \"topic\": \"x\",\n  oops\n}"));

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Equal(3, problem.GetProperty("position").GetInt32());
        Assert.StartsWith("The body is not valid JSON at line 3, position 3:", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{\"topic\": 42}", "$.topic", "could not be converted")]
    [InlineData("{\"topic\": \"x\", \"revison\": 2}", "$.revison", "'revison' could not be mapped")]
    [InlineData("null", "$", "null is not a 'Doc'")]
    public async Task A_store_that_does_not_fit_is_400_naming_the_field(string body, string field, string reason)
    {
        using var response = await _app.Client.PostAsync("/reviews", ReviewApp.Raw(body));

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid shared store", problem.GetProperty("title").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
        Assert.Equal("WebApiSample.Doc", problem.GetProperty("expectedType").GetString());
        await using var runs = _app.Services.GetRequiredService<ICheckpointStore>().ListRunsAsync().GetAsyncEnumerator();
        Assert.False(await runs.MoveNextAsync()); // nothing was started
    }

    [Fact]
    public async Task An_empty_body_a_body_of_another_media_type_and_a_bad_run_id_are_refused_with_problems()
    {
        using var empty = await _app.Client.PostAsync("/reviews", ReviewApp.Raw(""));
        Assert.Contains("The body is empty", (await Problem(empty, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());

        using var form = await _app.Client.PostAsync("/reviews", new FormUrlEncodedContent([new("topic", "x")]));
        var media = await Problem(form, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("application/x-www-form-urlencoded", media.GetProperty("contentType").GetString());

        using var longId = await _app.StartAsync("x", new string('a', 201));
        Assert.Equal("runId", (await Problem(longId, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_unknown_run_is_404_on_every_route()
    {
        foreach (var url in new[] { "/reviews/nope", "/reviews/nope/history", "/reviews/nope/events" })
        {
            using var response = await _app.Client.GetAsync(url);
            var problem = await Problem(response, HttpStatusCode.NotFound);
            Assert.Equal("Graph 'ReviewWorkflow' has no run 'nope'.", problem.GetProperty("detail").GetString());
            Assert.Equal("nope", problem.GetProperty("runId").GetString());
        }

        using var answer = await _app.AnswerAsync("nope", new { approved = true });
        await Problem(answer, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_answer_of_the_wrong_type_is_409_naming_the_node_the_type_and_the_field_and_the_run_still_waits()
    {
        var runId = await _app.StartRunAsync("types");
        await _app.WaitForAsync(runId, "suspended");

        using var wrongValue = await _app.AnswerAsync(runId, new { approved = "yes" });
        var problem = await Problem(wrongValue, HttpStatusCode.Conflict);
        Assert.Equal("Wrong answer type", problem.GetProperty("title").GetString());
        Assert.Equal("Review", problem.GetProperty("node").GetString());
        Assert.Equal("WebApiSample.Verdict", problem.GetProperty("expectedType").GetString());
        Assert.Equal("$.approved", problem.GetProperty("field").GetString());

        using var otherType = await _app.AnswerAsync(runId, new { budget = 1200 }); // another interrupt's answer, say
        Assert.Equal("$.budget", (await Problem(otherType, HttpStatusCode.Conflict)).GetProperty("field").GetString());

        using var broken = await _app.Client.PostAsync($"/reviews/{runId}/answer", ReviewApp.Raw("{\"approved\": tru}"));
        Assert.Equal("Malformed JSON", (await Problem(broken, HttpStatusCode.BadRequest)).GetProperty("title").GetString());

        var state = await _app.GetAsync(runId);
        Assert.Equal("suspended", state.GetProperty("status").GetString());
        Assert.Equal(2, state.GetProperty("step").GetInt64());
    }

    [Fact]
    public async Task An_approval_is_202_and_the_run_publishes_then_a_second_answer_is_409_finished()
    {
        var runId = await _app.StartRunAsync("approve me");
        await _app.WaitForAsync(runId, "suspended");

        using var accepted = await _app.AnswerAsync(runId, new { approved = true, note = "ship it" });

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var state = await _app.WaitForAsync(runId, "completed");
        Assert.StartsWith("# approve me", state.GetProperty("shared").GetProperty("published").GetString());
        Assert.Equal(["r1: ship it"], state.GetProperty("shared").GetProperty("notes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, state.GetProperty("lastAction").ValueKind); // Publish ends with the default action

        using var late = await _app.AnswerAsync(runId, new { approved = false });
        var problem = await Problem(late, HttpStatusCode.Conflict);
        Assert.Equal("Run is finished", problem.GetProperty("title").GetString());
        Assert.Equal("completed", problem.GetProperty("runStatus").GetString());

        using var history = await _app.Client.GetAsync($"/reviews/{runId}/history");
        using var steps = JsonDocument.Parse(await history.Content.ReadAsStringAsync());
        Assert.Equal(
            ["running:Draft", "running:Review", "suspended:Review", "running:Publish", "completed:"],
            steps.RootElement.EnumerateArray().Select(s => $"{s.GetProperty("status").GetString()}:{string.Join("/", s.GetProperty("position").EnumerateArray().Select(p => p.GetString()))}"));
        Assert.Equal([0L, 1, 2, 3, 4], steps.RootElement.EnumerateArray().Select(s => s.GetProperty("step").GetInt64()));
        Assert.Equal("approved", steps.RootElement[3].GetProperty("lastAction").GetString());
    }

    [Fact]
    public async Task A_rejection_revises_and_asks_again()
    {
        var runId = await _app.StartRunAsync("reject me");
        await _app.WaitForAsync(runId, "suspended");

        using var rejected = await _app.AnswerAsync(runId, new { approved = false, note = "shorter" });

        Assert.Equal(HttpStatusCode.Accepted, rejected.StatusCode);
        var state = await WaitForStepAsync(runId, "suspended", minStep: 5);
        Assert.Equal(2, state.GetProperty("pending").GetProperty("request").GetProperty("revision").GetInt32());
        Assert.Equal("Revision 2: r1: shorter.", state.GetProperty("shared").GetProperty("paragraphs").EnumerateArray().Last().GetString());
    }

    [Fact]
    public async Task An_answer_while_the_run_executes_is_409_not_waiting()
    {
        await using var slow = new ReviewApp(ReviewApp.NewDatabase(), paragraphDelayMilliseconds: 1000);
        var runId = await slow.StartRunAsync("slow");

        using var early = await slow.AnswerAsync(runId, new { approved = true });

        var problem = await Problem(early, HttpStatusCode.Conflict);
        Assert.Equal("Run is not waiting", problem.GetProperty("title").GetString());
        Assert.Equal("running", problem.GetProperty("runStatus").GetString());
        Assert.Contains("is executing", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Of_concurrent_answers_to_one_question_exactly_one_is_accepted_and_the_run_publishes_once()
    {
        var runId = await _app.StartRunAsync("race");
        await _app.WaitForAsync(runId, "suspended");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _app.AnswerAsync(runId, new { approved = true, note = $"answer {i}" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Accepted), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var state = await _app.WaitForAsync(runId, "completed");
        Assert.Single(state.GetProperty("shared").GetProperty("notes").EnumerateArray());
        using var history = await _app.Client.GetAsync($"/reviews/{runId}/history");
        using var steps = JsonDocument.Parse(await history.Content.ReadAsStringAsync());
        Assert.Equal(5, steps.RootElement.GetArrayLength());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task Events_stream_the_stretch_of_a_run_live_to_its_suspension_and_after_the_answer_to_completion()
    {
        await using var slow = new ReviewApp(ReviewApp.NewDatabase(), paragraphDelayMilliseconds: 200);
        var runId = await slow.StartRunAsync("events");

        var first = await SseReader.ReadAllAsync(slow.Client, $"/reviews/{runId}/events");

        Assert.Equal(
            ["checkpointSaved", "graphStarted", "nodeStarted", "nodeCompleted", "checkpointSaved", "nodeStarted", "checkpointSaved", "runSuspended", "status"],
            first.Select(e => e.Event));
        Assert.Equal(0, first[0].Data.GetProperty("step").GetInt64()); // the events before the stream connected are replayed
        Assert.Equal("Draft", first[2].Data.GetProperty("node").GetString());
        Assert.True(first[3].Data.GetProperty("durationMs").GetDouble() >= 550); // three 200 ms paragraphs (timers may fire a little early)
        Assert.Equal("suspended", first[6].Data.GetProperty("status").GetString());
        Assert.Equal("Review", first[7].Data.GetProperty("node").GetString());
        Assert.Equal("events", first[7].Data.GetProperty("request").GetProperty("topic").GetString());
        Assert.All(first, e => Assert.Equal(runId, e.Data.GetProperty("runId").GetString()));
        Assert.Equal("suspended", first[^1].Data.GetProperty("status").GetString());
        Assert.False(first[^1].Data.GetProperty("executing").GetBoolean());

        using var accepted = await slow.AnswerAsync(runId, new { approved = true });
        var second = await SseReader.ReadAllAsync(slow.Client, $"/reviews/{runId}/events");

        Assert.Equal("graphStarted", second[0].Event);
        Assert.Contains(second, e => e.Event == "nodeCompleted" && e.Data.GetProperty("node").GetString() == "Review" && e.Data.GetProperty("action").GetString() == "approved");
        Assert.Contains(second, e => e.Event == "nodeCompleted" && e.Data.GetProperty("node").GetString() == "Publish");
        Assert.Equal("graphCompleted", second[^2].Event);
        Assert.Equal("completed", second[^1].Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Events_of_a_run_not_executing_with_no_retained_stretch_are_its_status_alone()
    {
        await using var app = new ReviewApp(ReviewApp.NewDatabase(), settings: new Dictionary<string, string?> { ["KayGraph:EventRetention"] = "00:00:00" });
        var runId = await app.StartRunAsync("idle");
        await app.WaitForAsync(runId, "suspended");

        var idle = await SseReader.ReadAllAsync(app.Client, $"/reviews/{runId}/events");

        var status = Assert.Single(idle);
        Assert.Equal("status", status.Event);
        Assert.Equal("suspended", status.Data.GetProperty("status").GetString());
        Assert.Equal("Review", status.Data.GetProperty("pending").GetProperty("node").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route_with_its_problems()
    {
        using var response = await _app.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");

        Assert.Equal("StartReviewWorkflow", paths.GetProperty("/reviews").GetProperty("post").GetProperty("operationId").GetString());
        Assert.True(paths.GetProperty("/reviews").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _));
        Assert.Equal(
            "#/components/schemas/Doc",
            paths.GetProperty("/reviews").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("GetReviewWorkflowRun", paths.GetProperty("/reviews/{runId}").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("GetReviewWorkflowRunHistory", paths.GetProperty("/reviews/{runId}/history").GetProperty("get").GetProperty("operationId").GetString());
        Assert.True(paths.GetProperty("/reviews/{runId}/events").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        var answer = paths.GetProperty("/reviews/{runId}/answer").GetProperty("post");
        Assert.Equal("AnswerReviewWorkflowRun", answer.GetProperty("operationId").GetString());
        Assert.Equal(
            "#/components/schemas/Verdict",
            answer.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal(
            ["202", "400", "404", "409", "415"],
            answer.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
        Assert.Equal(
            "application/problem+json",
            answer.GetProperty("responses").GetProperty("409").GetProperty("content").EnumerateObject().Single().Name);
    }

    private Task<JsonElement> WaitForStepAsync(string runId, string status, long minStep) =>
        RunPolling.UntilAsync(_app.Client, $"/reviews/{runId}", status, minStep);

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, document.RootElement.GetProperty("status").GetInt32());
        return document.RootElement.Clone();
    }
}
