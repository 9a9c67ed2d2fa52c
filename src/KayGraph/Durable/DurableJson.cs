#if NET8_0_OR_GREATER
using System.Diagnostics.CodeAnalysis;
#endif
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KayGraph;

/// <summary>The System.Text.Json settings of durable runs whose graph names no <c>Json</c> context.</summary>
public static class DurableJson
{
    private static JsonSerializerOptions? s_reflection;

    /// <summary>
    /// Reflection-based options (the System.Text.Json defaults, read-only). A graph with
    /// <c>[Graph(..., Durable = true, Json = typeof(MyJsonContext))]</c> uses its source-generated context instead, which is
    /// trim- and AOT-safe.
    /// </summary>
    public static JsonSerializerOptions ReflectionOptions
    {
#if NET8_0_OR_GREATER
        [RequiresUnreferencedCode("Reflection-based JSON; name a JsonSerializerContext with [Graph(..., Json = typeof(...))] for trimmed or AOT apps.")]
        [RequiresDynamicCode("Reflection-based JSON; name a JsonSerializerContext with [Graph(..., Json = typeof(...))] for trimmed or AOT apps.")]
#endif
        get
        {
            if (s_reflection is null)
            {
                var options = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
                options.MakeReadOnly();
                s_reflection = options;
            }

            return s_reflection;
        }
    }
}
