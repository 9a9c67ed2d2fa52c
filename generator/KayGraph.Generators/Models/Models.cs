namespace KayGraph.Generators.Models;

/// <summary>What a discovered class is.</summary>
internal enum NodeKind
{
    Node,
    BatchNode,
    ParallelBatchNode,
    Graph,
    BatchGraph,
    ParallelBatchGraph,
}

/// <summary>The phases the generator wires.</summary>
internal enum PhaseKind
{
    Prep,
    Exec,
    Fallback,
    Post,
    OnError,
    GraphPrep,
}

/// <summary>How a phase method returns its result.</summary>
internal enum ResultShape
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>What a post (or error hook) returns, once unwrapped from its task.</summary>
internal enum PostResult
{
    Nothing,
    String,
    Action,
    Boolean,
    Other,
}

/// <summary>What the generated code passes for one parameter of a phase method.</summary>
internal enum ArgumentKind
{
    Shared,
    Prep,
    Exec,
    Item,
    Error,
    CancellationToken,

    /// <summary>The run's <c>KayGraph.NodeContext</c> (parameters, attempt, config).</summary>
    Context,
}

/// <summary>A containing type of a nested node or graph.</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>One phase method, as the emitter needs it.</summary>
internal sealed record PhaseModel(
    PhaseKind Kind,
    string MethodName,
    ResultShape Shape,
    string? ValueType,
    PostResult Result,
    EquatableArray<ArgumentKind> Arguments);

/// <summary>One transition declared with [Next].</summary>
internal sealed record EdgeModel(string Action, string TargetFullName, string TargetName);

/// <summary>
/// A node or a graph, reduced to strings, enums and equatable arrays: everything the emitters need and nothing that
/// would keep a compilation alive.
/// </summary>
internal sealed record NodeModel(
    NodeKind Kind,
    string Name,
    string Keyword,
    string FullName,
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string HintName,
    string? SharedType,
    string PrepType,
    string ExecType,
    string? ItemType,
    bool ItemsAreAsync,
    int MaxRetries,
    int WaitMilliseconds,
    int MaxConcurrency,
    bool HasParameterlessConstructor,
    bool IsDisposable,
    string? StartFullName,
    EquatableArray<PhaseModel> Phases,
    EquatableArray<EdgeModel> Edges,
    EquatableArray<string> ActionMembers)
{
    public bool IsGraph => Kind is NodeKind.Graph or NodeKind.BatchGraph or NodeKind.ParallelBatchGraph;

    public bool IsBatch => Kind is NodeKind.BatchNode or NodeKind.ParallelBatchNode;

    public PhaseModel? Phase(PhaseKind kind)
    {
        foreach (var phase in Phases)
        {
            if (phase.Kind == kind)
            {
                return phase;
            }
        }

        return null;
    }
}

/// <summary>The result of parsing one attributed class: its model (null when it cannot be emitted) and its diagnostics.</summary>
internal sealed record ParseResult(NodeModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, GraphSite? Site);

/// <summary>Locations of a graph declaration, used only by the graph diagnostics branch.</summary>
internal sealed record GraphSite(string FullName, string Name, LocationInfo? Location);
