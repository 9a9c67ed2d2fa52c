using System;

namespace KayGraph;

/// <summary>
/// Declares a transition of a node or graph class: when <c>post</c> returns <see cref="Action"/> (or the default action when
/// none is given), the graph continues with <see cref="Target"/>. This form works with every C# version; on C# 11 and later
/// prefer <see cref="NextAttribute{T}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NextAttribute : Attribute
{
    /// <summary>Declares the default transition to <paramref name="target"/>.</summary>
    /// <param name="target">The node or graph class that runs next.</param>
    public NextAttribute(Type target)
    {
        Target = target;
        Action = KayGraph.Actions.Default;
    }

    /// <summary>Declares the transition on <paramref name="action"/> to <paramref name="target"/>.</summary>
    /// <param name="action">The action string returned by <c>post</c>.</param>
    /// <param name="target">The node or graph class that runs next.</param>
    public NextAttribute(string action, Type target)
    {
        Target = target;
        Action = action;
    }

    /// <summary>The node or graph class that runs next.</summary>
    public Type Target { get; }

    /// <summary>The action that selects this transition (<c>"default"</c> when none was given).</summary>
    public string Action { get; }
}

/// <summary>
/// Declares a transition of a node or graph class to <typeparamref name="T"/>: on the default action, or on the given
/// action string (C# 11 and later).
/// </summary>
/// <typeparam name="T">The node or graph class that runs next.</typeparam>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NextAttribute<T> : Attribute
    where T : class
{
    /// <summary>Declares the default transition to <typeparamref name="T"/>.</summary>
    public NextAttribute()
    {
        Action = KayGraph.Actions.Default;
    }

    /// <summary>Declares the transition on <paramref name="action"/> to <typeparamref name="T"/>.</summary>
    /// <param name="action">The action string returned by <c>post</c>.</param>
    public NextAttribute(string action)
    {
        Action = action;
    }

    /// <summary>The action that selects this transition (<c>"default"</c> when none was given).</summary>
    public string Action { get; }
}
