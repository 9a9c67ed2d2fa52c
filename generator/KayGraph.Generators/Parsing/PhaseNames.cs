using System;

namespace KayGraph.Generators.Parsing;

/// <summary>The conventional phase method names of a KayGraph node: the parser finds phases by them, the analyzers and fixes recognize them.</summary>
internal static class PhaseNames
{
    public const string Prep = nameof(Prep);
    public const string Exec = nameof(Exec);
    public const string ExecFallback = nameof(ExecFallback);
    public const string Post = nameof(Post);
    public const string OnError = nameof(OnError);

    private const string AsyncSuffix = "Async";

    private static readonly string[] SyncNames = [Prep, Exec, ExecFallback, Post, OnError];

    /// <summary>Whether <paramref name="name"/> is a phase name, sync (<c>Exec</c>) or async (<c>ExecAsync</c>).</summary>
    public static bool IsPhase(string name) => IsSyncPhase(name) || IsAsyncPhase(name);

    /// <summary>Whether <paramref name="name"/> is the name of a synchronous phase (<c>Prep</c>, <c>Exec</c>, ...).</summary>
    public static bool IsSyncPhase(string name) => Array.IndexOf(SyncNames, name) >= 0;

    /// <summary>Whether <paramref name="name"/> is the name of an async phase (<c>PrepAsync</c>, <c>ExecAsync</c>, ...).</summary>
    public static bool IsAsyncPhase(string name) =>
        name.EndsWith(AsyncSuffix, StringComparison.Ordinal) && IsSyncPhase(name.Substring(0, name.Length - AsyncSuffix.Length));

    /// <summary>Whether <paramref name="name"/> is the post phase (<c>Post</c> or <c>PostAsync</c>).</summary>
    public static bool IsPost(string name) => name is Post or Post + AsyncSuffix;

    /// <summary>The async form of a synchronous phase name (<c>Exec</c> → <c>ExecAsync</c>).</summary>
    public static string ToAsync(string syncName) => syncName + AsyncSuffix;
}
