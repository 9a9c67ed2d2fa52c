using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Hosting.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;

namespace KayGraph.Hosting;

/// <summary>Maps the HTTP routes of a hosted durable graph: <c>app.MapKayGraph&lt;ReviewFlow&gt;("/reviews")</c>.</summary>
public static class KayGraphEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>, the routes of the durable graph <typeparamref name="TGraph"/> (added with
    /// <c>AddKayGraph().AddGraph&lt;TGraph&gt;()</c>). JSON bodies; errors are <c>application/problem+json</c> naming the
    /// culprit (400 bad body, 404 unknown run, 409 wrong answer type, finished or busy run).
    /// <list type="table">
    /// <item><term><c>POST {prefix}</c></term><description>Body: the shared store; optional <c>?runId=</c>. Starts a run in the background: 201, <c>Location</c>, <c>{ runId, status }</c>.</description></item>
    /// <item><term><c>GET {prefix}/{runId}</c></term><description><c>{ runId, status, step, lastAction, position, shared, pending, error, executing, updatedAt }</c>.</description></item>
    /// <item><term><c>GET {prefix}/{runId}/history</c></term><description>Every checkpoint of the run in step order.</description></item>
    /// <item><term><c>GET {prefix}/{runId}/events</c></term><description><c>text/event-stream</c>: the events of the run's current (or just ended) stretch, live, then a <c>status</c> event; ends when the run completes, fails or suspends.</description></item>
    /// <item><term><c>POST {prefix}/{runId}/answer</c></term><description>Body: the answer to the pending question. 202; the run goes on in the background.</description></item>
    /// <item><term><c>POST {prefix}/{runId}/resume</c></term><description>No body. 202; a failed run runs its failed node again (a running run no host executes goes on).</description></item>
    /// </list>
    /// </summary>
    /// <typeparam name="TGraph">The hosted graph.</typeparam>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="prefix">The routes' prefix, such as <c>/reviews</c>.</param>
    /// <returns>The group of routes, to add metadata (authorization, rate limits, tags) to all of them.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="TGraph"/> was not added with <c>AddGraph</c>.</exception>
    public static RouteGroupBuilder MapKayGraph<TGraph>(this IEndpointRouteBuilder endpoints, string prefix)
        where TGraph : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var catalog = endpoints.ServiceProvider.GetService<GraphCatalog>()
            ?? throw new InvalidOperationException($"KayGraph hosting is not set up: call services.AddKayGraph().AddGraph<{typeof(TGraph).Name}>() before app.MapKayGraph<{typeof(TGraph).Name}>(\"{prefix}\").");
        var graph = catalog.Get(typeof(TGraph));
        var lifetime = endpoints.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        var name = typeof(TGraph).Name;
        var group = endpoints.MapGroup(prefix).WithTags(name);

        group.MapPost("/", async (HttpContext http, string? runId) =>
        {
            return await Serve(async () =>
            {
                var body = await ReadBodyAsync(http).ConfigureAwait(false);
                var created = await graph.StartAsync(runId, body, http.RequestAborted).ConfigureAwait(false);
                return Results.Created($"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(created.RunId)}", created);
            }).ConfigureAwait(false);
        })
            .WithName($"Start{name}")
            .WithSummary($"Starts a run of {name}")
            .WithDescription("The body is the shared store as JSON; ?runId= names the run (else a new id is made). The run executes in the background; the answer comes once its first checkpoint is written.")
            .WithMetadata(Body(graph.Registration.SharedType))
            .Produces<RunCreatedResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/{runId}", (string runId, HttpContext http) =>
            Serve(async () => Results.Ok(await graph.GetAsync(runId, http.RequestAborted).ConfigureAwait(false))))
            .WithName($"Get{name}Run")
            .WithSummary($"A run of {name}: its status, step, shared store and pending question")
            .Produces<RunStateResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{runId}/history", (string runId, HttpContext http) =>
            Serve(async () => Results.Ok(await graph.HistoryAsync(runId, http.RequestAborted).ConfigureAwait(false))))
            .WithName($"Get{name}RunHistory")
            .WithSummary($"Every checkpoint of a run of {name}, in step order")
            .Produces<RunStepResponse[]>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{runId}/events", (string runId, HttpContext http) =>
            Serve(async () =>
            {
                var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
                http.Response.RegisterForDispose(stop);
                var events = await graph.EventsAsync(runId, stop.Token).ConfigureAwait(false);
                return TypedResults.ServerSentEvents(events);
            }))
            .WithName($"Watch{name}Run")
            .WithSummary($"The events of a run of {name}, live (server-sent events)")
            .WithDescription("The events of the run's current stretch (from its start, resume or answer), those so far and then live (graphStarted, nodeStarted, nodeRetrying, nodeCompleted, batchProgress, checkpointSaved, runSuspended, graphCompleted, graphFailed), then a 'status' event with the run as GET shows it. The stream ends when the run completes, fails or suspends; for a run not executing it replays the stretch that just ended (kept for KayGraph:EventRetention) or sends the status alone.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{runId}/answer", (string runId, HttpContext http) =>
            Serve(async () =>
            {
                var body = await ReadBodyAsync(http).ConfigureAwait(false);
                await graph.AnswerAsync(runId, body, http.RequestAborted).ConfigureAwait(false);
                return Results.Accepted($"{http.Request.PathBase}{prefix.TrimEnd('/')}/{Uri.EscapeDataString(runId)}");
            }))
            .WithName($"Answer{name}Run")
            .WithSummary($"Answers the question a suspended run of {name} waits on; the run goes on")
            .WithMetadata(Body(graph.Registration.AnswerTypes.Count == 1 ? graph.Registration.AnswerTypes[0] : typeof(object)))
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/{runId}/resume", (string runId, HttpContext http) =>
            Serve(async () =>
            {
                await graph.ResumeAsync(runId, http.RequestAborted).ConfigureAwait(false);
                return Results.Accepted($"{http.Request.PathBase}{prefix.TrimEnd('/')}/{Uri.EscapeDataString(runId)}");
            }))
            .WithName($"Resume{name}Run")
            .WithSummary($"Runs the failed node of a failed run of {name} again (or continues a run no host executes)")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }

    /// <summary>
    /// The body's schema for OpenAPI (<c>application/json</c>). Routing treats accepts metadata as a constraint and answers
    /// another media type with a bodyless 415 before the route runs, so the metadata also admits any type (<c>*/*</c>) and
    /// the route refuses a non-JSON body itself, with problem details.
    /// </summary>
    private static AcceptsMetadata Body(Type type) => new(BodyMediaTypes, type, isOptional: false);

    private static readonly string[] BodyMediaTypes = { "application/json", "*/*" };

    private static async Task<IResult> Serve(Func<Task<IResult>> handle)
    {
        try
        {
            return await handle().ConfigureAwait(false);
        }
        catch (RunProblem problem)
        {
            return problem.ToResult();
        }
    }

    /// <summary>
    /// The request's body, which must be JSON: a request that names another media type gets a 415 problem (one that names
    /// none is read as JSON). The routes check this themselves, not with <c>Accepts</c> metadata, whose 415 has no body.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext http)
    {
        var contentType = http.Request.ContentType;
        if (!string.IsNullOrEmpty(contentType)
            && !(MediaTypeHeaderValue.TryParse(contentType, out var media)
                 && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))))
        {
            throw new RunProblem(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                $"The body must be JSON (Content-Type: application/json), not '{contentType}'.",
                new Dictionary<string, object?> { ["contentType"] = contentType });
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
