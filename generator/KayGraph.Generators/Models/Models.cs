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

    /// <summary>A batch node's items, enumerated once from prep's result (<c>IReadOnlyList&lt;TItem&gt;</c>).</summary>
    Items,

    /// <summary>The node's <c>KayGraph.Interrupt&lt;TRequest, TResponse&gt;</c>, bound to the run (exec only).</summary>
    Interrupt,
}

/// <summary>The question a node's exec may ask: its request and answer types (generated-code names and runtime full names).</summary>
internal sealed record InterruptModel(string RequestType, string AnswerType, string RequestFullName, string AnswerFullName);

/// <summary>
/// A node's resilience settings beyond retries and wait: the backoff (the name of a <c>KayGraph.Backoff</c> member), the cap on
/// one wait, jitter, the per-attempt timeout, and the exception types <c>[RetryOn]</c> retries (generated-code names; empty =
/// every failure). <see langword="null"/> on a model whose node sets none of them.
/// </summary>
internal sealed record ResilienceModel(string Backoff, int MaxWaitMilliseconds, bool Jitter, int TimeoutMilliseconds, EquatableArray<string> RetryOn, string? Pipeline = null);

/// <summary>A member of the generated <c>Action</c> enum: a named action as an identifier.</summary>
internal sealed record ActionMember(string Member, string Action, bool IsEnd);

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

/// <summary>
/// One declared action: a transition declared with [Next] (to <paramref name="TargetFullName"/>), or an action declared with
/// [End] that ends the graph on purpose (<paramref name="TargetFullName"/> is <see langword="null"/>).
/// </summary>
internal sealed record EdgeModel(string Action, string? TargetFullName, string? TargetName)
{
    public bool IsEnd => TargetFullName is null;
}

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
    EquatableArray<ActionMember> ActionMembers,
    bool HasErrors,
    bool IsExtensible,
    InterruptModel? Interrupt = null,
    bool IsDurable = false,
    string? JsonContext = null,
    ResilienceModel? Resilience = null)
{
    /// <summary>Whether the node declares named actions, and so gets a generated <c>Action</c> enum.</summary>
    public bool HasActionEnum => ActionMembers.Count > 0;

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

/// <summary>
/// The result of parsing one attributed class: its model (<see langword="null"/> only when there is nothing to name generated
/// code after; a class with declaration errors has a model with <see cref="NodeModel.HasErrors"/>), its declaration
/// diagnostics, and the locations graph-level diagnostics point at.
/// </summary>
internal sealed record ParseResult(NodeModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, NodeSite? Site);

/// <summary>Where graph-level diagnostics about a class point: its name, and the parameter that names its shared store.</summary>
internal sealed record NodeSite(string FullName, LocationInfo? Identifier, LocationInfo? SharedParameter, LocationInfo? InterruptParameter = null);
