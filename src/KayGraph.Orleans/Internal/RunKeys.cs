using System;

namespace KayGraph.Orleans.Internal;

/// <summary>Run grains are keyed <c>{scope}/{runId}</c>: the scope names a store (no <c>/</c> in it), the run id is anything.</summary>
internal static class RunKeys
{
    public static string Key(string scope, string runId) => scope + "/" + runId;

    public static (string Scope, string RunId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (key, "") : (key[..slash], key[(slash + 1)..]);
    }

    public static string CheckScope(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Length == 0 || scope.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A store scope is a non-empty name without '/'.", nameof(scope));
        }

        return scope;
    }
}
