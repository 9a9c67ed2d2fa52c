using System;
using System.Collections.Generic;
using System.Text.Json;

namespace KayGraph.Hosting;

/// <summary>The answer to <c>POST {prefix}</c>: the new run's id and status (<c>running</c>: its first checkpoint is written).</summary>
/// <param name="RunId">The run's id: the one given with <c>?runId=</c>, or a new one.</param>
/// <param name="Status">The run's status: <c>running</c>, <c>suspended</c>, <c>completed</c> or <c>failed</c>.</param>
public sealed record RunCreatedResponse(string RunId, string Status);

/// <summary>A run as <c>GET {prefix}/{runId}</c> shows it: its latest checkpoint.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Status">
/// <c>running</c> (executing, or stopped with its host and resumed when the host starts again), <c>suspended</c> (waiting
/// for an answer), <c>completed</c> or <c>failed</c>.
/// </param>
/// <param name="Step">The latest checkpoint's step: 0 at the start, one more after each node.</param>
/// <param name="LastAction">The action of the last node that ran (<see langword="null"/> for the default action or before any).</param>
/// <param name="Position">The node to run next, as a path through nested graphs (empty when the run has ended).</param>
/// <param name="Shared">The shared store as the checkpoint holds it (the graph's JSON).</param>
/// <param name="Pending">The question a suspended run waits on, else <see langword="null"/>.</param>
/// <param name="Error">Why a failed run failed, else <see langword="null"/>.</param>
/// <param name="Executing">Whether the run is executing in this host right now.</param>
/// <param name="UpdatedAt">When the latest checkpoint was written.</param>
public sealed record RunStateResponse(
    string RunId,
    string Status,
    long Step,
    string? LastAction,
    IReadOnlyList<string> Position,
    JsonElement Shared,
    PendingQuestionResponse? Pending,
    RunErrorResponse? Error,
    bool Executing,
    DateTimeOffset UpdatedAt);

/// <summary>The question a suspended run waits on; answer it with <c>POST {prefix}/{runId}/answer</c>.</summary>
/// <param name="Node">The asking node's path, joined with <c>/</c> (<c>Approval/AskBudget</c> inside a nested graph).</param>
/// <param name="NodePath">The asking node's path.</param>
/// <param name="RequestType">The request's .NET type.</param>
/// <param name="Request">The request (the graph's JSON).</param>
/// <param name="AnswerType">The .NET type the answer must have.</param>
public sealed record PendingQuestionResponse(string Node, IReadOnlyList<string> NodePath, string RequestType, JsonElement Request, string AnswerType);

/// <summary>Why a run failed: the exception's type and message. Resuming it runs the failed node again.</summary>
/// <param name="Type">The exception's type.</param>
/// <param name="Message">The exception's message.</param>
public sealed record RunErrorResponse(string Type, string Message);

/// <summary>One checkpoint of a run, as <c>GET {prefix}/{runId}/history</c> lists them in step order.</summary>
/// <param name="Step">The step.</param>
/// <param name="Status">The run's status at that step.</param>
/// <param name="Position">The node to run next at that step.</param>
/// <param name="LastAction">The action of the node that ran before it.</param>
/// <param name="SavedAt">When it was written.</param>
public sealed record RunStepResponse(long Step, string Status, IReadOnlyList<string> Position, string? LastAction, DateTimeOffset SavedAt);
