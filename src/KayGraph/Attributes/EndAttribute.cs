using System;

namespace KayGraph;

/// <summary>
/// Declares an action of a node that ends the graph on purpose: when <c>post</c> returns <see cref="Action"/> the graph
/// finishes with that action, without the "no successor" warning and without an exception in strict mode. The action is
/// part of the node's generated <c>Action</c> enum, counts as declared for KG1007, and is drawn as an edge to the end in
/// the graph's Mermaid flowchart.
/// </summary>
/// <example>
/// <code>
/// [Node]
/// [Next&lt;Escalate&gt;("escalate")]
/// [End]                       // returning nothing (the default action) ends the graph
/// public partial class Triage { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EndAttribute : Attribute
{
    /// <summary>Declares that the default action ends the graph.</summary>
    public EndAttribute()
    {
        Action = KayGraph.Actions.Default;
    }

    /// <summary>Declares that <paramref name="action"/> ends the graph.</summary>
    /// <param name="action">The action string returned by <c>post</c>.</param>
    public EndAttribute(string action)
    {
        Action = action;
    }

    /// <summary>The action that ends the graph (<c>"default"</c> when none was given).</summary>
    public string Action { get; }
}
