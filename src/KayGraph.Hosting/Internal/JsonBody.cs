using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace KayGraph.Hosting.Internal;

/// <summary>
/// Reads a request body into a value of a graph's type, with the graph's own serializer options made strict: broken JSON is
/// a 400 naming the line and position, a value that does not fit the type names the field (400 for a store; for an answer
/// the caller decides), and a member the type does not have is refused rather than silently dropped.
/// </summary>
internal static class JsonBody
{
    /// <summary>The graph's options, matching member names in any case and refusing members the target type does not have.</summary>
    public static JsonSerializerOptions Strict(JsonSerializerOptions graphOptions) =>
        new(graphOptions) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, PropertyNameCaseInsensitive = true };

    /// <summary>Fails with a 400 unless <paramref name="body"/> is one well-formed JSON value.</summary>
    public static void CheckSyntax(ReadOnlyMemory<byte> body, string what)
    {
        if (body.IsEmpty)
        {
            throw new RunProblem(StatusCodes.Status400BadRequest, "Empty body", $"The body is empty: send {what} as JSON.");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
        }
        catch (JsonException error)
        {
            var line = (error.LineNumber ?? 0) + 1;
            var position = (error.BytePositionInLine ?? 0) + 1;
            throw new RunProblem(
                StatusCodes.Status400BadRequest,
                "Malformed JSON",
                $"The body is not valid JSON at line {line}, position {position}: {Reason(error)}",
                new Dictionary<string, object?> { ["line"] = line, ["position"] = position },
                error);
        }
    }

    /// <summary>Deserializes <paramref name="body"/> (already checked for syntax) into <paramref name="type"/>.</summary>
    /// <returns>The value, or the reason it does not fit, with the JSON path of the culprit.</returns>
    public static (object? Value, string? Problem, string? Path) Read(ReadOnlyMemory<byte> body, Type type, JsonSerializerOptions strict)
    {
        try
        {
            var value = JsonSerializer.Deserialize(body.Span, strict.GetTypeInfo(type));
            return value is null ? (null, $"null is not a '{type.Name}'.", "$") : (value, null, null);
        }
        catch (JsonException error)
        {
            var path = string.IsNullOrEmpty(error.Path) ? "$" : error.Path;
            return (null, Reason(error), path);
        }
        catch (NotSupportedException error)
        {
            return (null, error.Message, "$");
        }
    }

    /// <summary>System.Text.Json's message without the position suffix it appends (the problem names those separately).</summary>
    private static string Reason(JsonException error)
    {
        var message = error.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }

        return message.Trim();
    }
}
