using System.Text.Json;

namespace KayGraph.Hosting.Internal;

/// <summary>Checkpoints as the HTTP API shows them.</summary>
internal static class Views
{
    public static string Status(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Suspended => "suspended",
        RunStatus.Completed => "completed",
        RunStatus.Failed => "failed",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static RunStateResponse State(Checkpoint checkpoint, bool executing) => new(
        checkpoint.RunId,
        Status(checkpoint.Status),
        checkpoint.Step,
        checkpoint.LastAction,
        checkpoint.Position,
        Parse(checkpoint.Shared),
        checkpoint.Pending is { } p ? new PendingQuestionResponse(p.NodeId, p.NodePath, p.RequestType, Parse(p.Request), p.AnswerType) : null,
        checkpoint.Error is { } e ? new RunErrorResponse(e.Type, e.Message) : null,
        executing,
        checkpoint.SavedAt);

    public static RunStepResponse Step(Checkpoint checkpoint) =>
        new(checkpoint.Step, Status(checkpoint.Status), checkpoint.Position, checkpoint.LastAction, checkpoint.SavedAt);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
