using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace KayGraph.Benchmarks.Durable;

/// <summary>Serializes a checkpoint's position for the raw rows, as the SQLite store does (a JSON array of node ids).</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class RawRowJson : JsonSerializerContext;
