using System;

namespace KayGraph.Tests.Support;

/// <summary>Which path of the runtime a scripted node exercises.</summary>
public enum NodeKind
{
    /// <summary>A <see cref="Node{TShared, TPrep, TExec}"/>: every phase completes synchronously.</summary>
    Sync,

    /// <summary>An <see cref="AsyncNode{TShared, TPrep, TExec}"/>: every phase yields before it runs, so it completes asynchronously.</summary>
    Async,
}

/// <summary>
/// The behaviour of a test node, phase by phase, as delegates; <see cref="Scripted"/> turns it into a sync or an async node
/// so one test body can check both paths. Phases left <see langword="null"/> keep the runtime's default behaviour.
/// </summary>
/// <typeparam name="TPrep">Prep's result.</typeparam>
/// <typeparam name="TExec">Exec's result.</typeparam>
public sealed class NodeScript<TPrep, TExec>
{
    /// <summary>The <c>before_prep</c> hook.</summary>
    public Action<Journal, NodeContext>? BeforePrep { get; init; }

    /// <summary>Prep; <see langword="null"/> returns <see langword="default"/>.</summary>
    public Func<Journal, NodeContext, TPrep>? Prep { get; init; }

    /// <summary>Exec (one attempt).</summary>
    public required Func<TPrep, NodeContext, TExec> Exec { get; init; }

    /// <summary>The fallback; <see langword="null"/> keeps the default (rethrow).</summary>
    public Func<TPrep, Exception, NodeContext, TExec>? Fallback { get; init; }

    /// <summary>The <c>after_exec</c> hook.</summary>
    public Action<Journal, TPrep, TExec, NodeContext>? AfterExec { get; init; }

    /// <summary>Post; <see langword="null"/> returns the default action.</summary>
    public Func<Journal, TPrep, TExec, NodeContext, string?>? Post { get; init; }

    /// <summary>The <c>on_error</c> hook; <see langword="null"/> keeps the default (do not suppress).</summary>
    public Func<Journal, Exception, NodeContext, bool>? OnError { get; init; }
}

/// <summary>Ready-made scripts.</summary>
public static class NodeScripts
{
    /// <summary>
    /// A script whose five lifecycle phases (<c>before_prep</c>, <c>prep</c>, <c>exec</c>, <c>after_exec</c>, <c>post</c>)
    /// each call <paramref name="onPhase"/> with their name; prep returns <c>"p"</c>, exec <c>"e"</c>, post the default action.
    /// </summary>
    /// <param name="onPhase">Called at the start of each phase; may throw or cancel.</param>
    /// <returns>The script.</returns>
    public static NodeScript<string, string> EveryPhase(Action<string> onPhase) => new()
    {
        BeforePrep = (_, _) => onPhase("before_prep"),
        Prep = (_, _) =>
        {
            onPhase("prep");
            return "p";
        },
        Exec = (_, _) =>
        {
            onPhase("exec");
            return "e";
        },
        AfterExec = (_, _, _, _) => onPhase("after_exec"),
        Post = (_, _, _, _) =>
        {
            onPhase("post");
            return null;
        },
    };
}
