using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace KayGraph.Sqlite;

/// <summary>
/// The JSON of the store's list columns (a checkpoint's position, a pending question's node path): source-generated, so the
/// store needs no reflection and stays trim- and AOT-safe. The shared store and a request are JSON already and are kept as
/// the text they are.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class SqliteCheckpointJsonContext : JsonSerializerContext;
