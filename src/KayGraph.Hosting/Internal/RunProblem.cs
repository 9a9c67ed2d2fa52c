using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;

namespace KayGraph.Hosting.Internal;

/// <summary>A request that cannot be served, as the problem details it is answered with (400, 404 or 409).</summary>
internal sealed class RunProblem : Exception
{
    public RunProblem(int status, string title, string detail, IDictionary<string, object?>? extensions = null, Exception? inner = null)
        : base(detail, inner)
    {
        Status = status;
        Title = title;
        Extensions = extensions ?? new Dictionary<string, object?>();
    }

    public RunProblem()
        : this(StatusCodes.Status400BadRequest, "Bad request", "The request cannot be served.")
    {
    }

    public RunProblem(string message)
        : this(StatusCodes.Status400BadRequest, "Bad request", message)
    {
    }

    public RunProblem(string message, Exception inner)
        : this(StatusCodes.Status400BadRequest, "Bad request", message, null, inner)
    {
    }

    public int Status { get; }

    public string Title { get; }

    public IDictionary<string, object?> Extensions { get; }

    public static RunProblem NotFound(string graphId, string runId) =>
        new(StatusCodes.Status404NotFound, "Unknown run", $"Graph '{graphId}' has no run '{runId}'.", new Dictionary<string, object?> { ["runId"] = runId });

    public static RunProblem Conflict(string title, string detail, string runId, IDictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?> { ["runId"] = runId };
        if (more is not null)
        {
            foreach (var pair in more)
            {
                extensions[pair.Key] = pair.Value;
            }
        }

        return new RunProblem(StatusCodes.Status409Conflict, title, detail, extensions);
    }

    public IResult ToResult() => Results.Problem(detail: Message, statusCode: Status, title: Title, extensions: Extensions);
}
