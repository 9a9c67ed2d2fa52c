using System;
using System.Collections.Generic;
using Orleans;

namespace KayGraph.Orleans.Internal;

/// <summary>
/// A <see cref="Checkpoint"/> as grain state and as a grain call's argument: plain settable members, so that the Orleans
/// serializer and any storage provider's serializer (JSON included) keep every field. The time is kept as UTC ticks and an
/// offset in minutes, which every serializer round-trips exactly.
/// </summary>
[GenerateSerializer]
internal sealed class StoredCheckpoint
{
    [Id(0)] public string RunId { get; set; } = "";

    [Id(1)] public long Step { get; set; }

    [Id(2)] public string Graph { get; set; } = "";

    [Id(3)] public string Fingerprint { get; set; } = "";

    [Id(4)] public List<string> Position { get; set; } = [];

    [Id(5)] public string? LastAction { get; set; }

    [Id(6)] public RunStatus Status { get; set; }

    [Id(7)] public string Shared { get; set; } = "";

    [Id(8)] public List<string>? PendingNodePath { get; set; }

    [Id(9)] public string? PendingRequestType { get; set; }

    [Id(10)] public string? PendingRequest { get; set; }

    [Id(11)] public string? PendingAnswerType { get; set; }

    [Id(12)] public string? ErrorType { get; set; }

    [Id(13)] public string? ErrorMessage { get; set; }

    [Id(14)] public long SavedAtUtcTicks { get; set; }

    [Id(15)] public short SavedAtOffsetMinutes { get; set; }

    public static StoredCheckpoint From(Checkpoint checkpoint) => new()
    {
        RunId = checkpoint.RunId,
        Step = checkpoint.Step,
        Graph = checkpoint.Graph,
        Fingerprint = checkpoint.Fingerprint,
        Position = [.. checkpoint.Position],
        LastAction = checkpoint.LastAction,
        Status = checkpoint.Status,
        Shared = checkpoint.Shared,
        PendingNodePath = checkpoint.Pending is { } p ? [.. p.NodePath] : null,
        PendingRequestType = checkpoint.Pending?.RequestType,
        PendingRequest = checkpoint.Pending?.Request,
        PendingAnswerType = checkpoint.Pending?.AnswerType,
        ErrorType = checkpoint.Error?.Type,
        ErrorMessage = checkpoint.Error?.Message,
        SavedAtUtcTicks = checkpoint.SavedAt.UtcTicks,
        SavedAtOffsetMinutes = (short)checkpoint.SavedAt.Offset.TotalMinutes,
    };

    public Checkpoint ToCheckpoint() => new()
    {
        RunId = RunId,
        Step = Step,
        Graph = Graph,
        Fingerprint = Fingerprint,
        Position = Position.ToArray(),
        LastAction = LastAction,
        Status = Status,
        Shared = Shared,
        Pending = PendingNodePath is null ? null : new PendingQuestion(PendingNodePath.ToArray(), PendingRequestType ?? "", PendingRequest ?? "", PendingAnswerType ?? ""),
        Error = ErrorType is null ? null : new RunError(ErrorType, ErrorMessage ?? ""),
        SavedAt = new DateTimeOffset(SavedAtUtcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(SavedAtOffsetMinutes)),
    };
}

/// <summary>The persisted state of a run grain: every checkpoint of the run, and the graph that the grain executes it with.</summary>
[GenerateSerializer]
internal sealed class RunGrainState
{
    /// <summary>The id of the registered graph whose run this is; <see langword="null"/> for checkpoints written through <see cref="GrainCheckpointStore"/> alone (the grain keeps them, it does not execute them).</summary>
    [Id(0)] public string? Graph { get; set; }

    /// <summary>Every step, in step order.</summary>
    [Id(1)] public List<StoredCheckpoint> Checkpoints { get; set; } = [];
}

/// <summary>The persisted state of an index grain: the run ids of one store scope, in ordinal order.</summary>
[GenerateSerializer]
internal sealed class RunIndexState
{
    [Id(0)] public List<string> RunIds { get; set; } = [];
}

/// <summary>What a run grain answers to a call that can be refused: an outcome, a message, and the run as it stands.</summary>
[GenerateSerializer]
[Immutable]
internal sealed record RunReply([property: Id(0)] RunOutcome Outcome, [property: Id(1)] string? Message, [property: Id(2)] RunSnapshot? Run);

/// <summary>Why a run grain refused a call.</summary>
internal enum RunOutcome
{
    Accepted,
    Exists,
    NotFound,
    UnknownGraph,
    NotWaiting,
    WrongAnswerType,
    Finished,
    Executing,
    NotStarted,
}
