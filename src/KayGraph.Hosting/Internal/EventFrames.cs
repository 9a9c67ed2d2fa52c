using System;
using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace KayGraph.Hosting.Internal;

/// <summary>
/// Run events as server-sent events: the event's name in camel case (<c>nodeStarted</c>, <c>checkpointSaved</c>, ...) and
/// its fields as a JSON object (times in ISO 8601, durations in milliseconds; a suspension's request serialized with the
/// graph's options).
/// </summary>
internal static class EventFrames
{
    public static SseItem<string> From(GraphEvent value, string runId, JsonSerializerOptions graphOptions)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        string name;
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("runId", runId);
            json.WriteString("at", value.At);
            switch (value)
            {
                case GraphStarted e:
                    name = "graphStarted";
                    json.WriteString("graph", e.GraphPath);
                    break;
                case GraphCompleted e:
                    name = "graphCompleted";
                    json.WriteString("graph", e.GraphPath);
                    json.WriteString("action", e.Action);
                    break;
                case GraphFailed e:
                    name = "graphFailed";
                    json.WriteString("graph", e.GraphPath);
                    json.WriteString("errorType", e.ErrorType);
                    json.WriteString("message", e.Message);
                    break;
                case NodeStarted e:
                    name = "nodeStarted";
                    json.WriteString("node", e.NodePath);
                    json.WriteNumber("maxRetries", e.MaxRetries);
                    break;
                case NodeRetrying e:
                    name = "nodeRetrying";
                    json.WriteString("node", e.NodePath);
                    json.WriteNumber("attempt", e.Attempt);
                    json.WriteString("errorType", e.ErrorType);
                    json.WriteString("message", e.Message);
                    json.WriteNumber("delayMs", e.Delay.TotalMilliseconds);
                    break;
                case NodeCompleted e:
                    name = "nodeCompleted";
                    json.WriteString("node", e.NodePath);
                    json.WriteString("action", e.Action);
                    json.WriteNumber("attempts", e.Attempts);
                    json.WriteNumber("durationMs", e.Duration.TotalMilliseconds);
                    break;
                case BatchProgress e:
                    name = "batchProgress";
                    json.WriteString("node", e.NodePath);
                    json.WriteNumber("done", e.Done);
                    json.WriteNumber("total", e.Total);
                    break;
                case CheckpointSaved e:
                    name = "checkpointSaved";
                    json.WriteNumber("step", e.Step);
                    json.WriteString("status", Views.Status(e.Status));
                    break;
                case RunSuspended e:
                    name = "runSuspended";
                    json.WriteString("node", e.NodePath);
                    json.WritePropertyName("request");
                    if (e.Request is null)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        JsonSerializer.Serialize(json, e.Request, graphOptions.GetTypeInfo(e.Request.GetType()));
                    }

                    break;
                default:
                    name = JsonNamingPolicy.CamelCase.ConvertName(value.GetType().Name);
                    break;
            }

            json.WriteEndObject();
        }

        return new SseItem<string>(Encoding.UTF8.GetString(buffer.WrittenSpan), name);
    }

    /// <summary>The run as <c>GET {prefix}/{runId}</c> shows it, as a <c>status</c> event: first and last on every stream.</summary>
    public static SseItem<string> Status(RunStateResponse state, JsonSerializerOptions webOptions) =>
        new(JsonSerializer.Serialize(state, webOptions.GetTypeInfo(typeof(RunStateResponse))), "status");
}
