namespace KayGraph;

/// <summary>Well-known action names.</summary>
public static class Actions
{
    /// <summary>The action taken when <c>post</c> returns nothing (<see langword="null"/>): <c>"default"</c>.</summary>
    public const string Default = "default";

    /// <summary>Returns <paramref name="action"/>, or <see cref="Default"/> when it is <see langword="null"/>.</summary>
    /// <param name="action">An action returned by a node, possibly <see langword="null"/>.</param>
    /// <returns>The action used to look up the successor.</returns>
    public static string OrDefault(string? action) => action ?? Default;
}
