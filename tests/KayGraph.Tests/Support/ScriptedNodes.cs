using System;
using System.Threading.Tasks;

namespace KayGraph.Tests.Support;

/// <summary>Builds scripted nodes and matching graphs for either path of the runtime.</summary>
public static class Scripted
{
    /// <summary>Creates a node of <paramref name="kind"/> that runs <paramref name="script"/>.</summary>
    public static NodeBase<Journal> Node<TPrep, TExec>(NodeKind kind, string id, NodeScript<TPrep, TExec> script, int maxRetries = 1, TimeSpan wait = default) =>
        kind == NodeKind.Sync
            ? new SyncScriptedNode<TPrep, TExec>(id, script, maxRetries, wait)
            : new AsyncScriptedNode<TPrep, TExec>(id, script, maxRetries, wait);

    /// <summary>Creates a node of <paramref name="kind"/> whose exec returns its id and whose post returns <paramref name="action"/>, journaling its run.</summary>
    public static NodeBase<Journal> Step(NodeKind kind, string id, string? action = null) =>
        Node(kind, id, new NodeScript<string?, string>
        {
            Exec = (_, _) => id,
            Post = (journal, _, _, _) =>
            {
                journal.Record(id);
                return action;
            },
        });

    /// <summary>Creates the graph that can run nodes of <paramref name="kind"/>: a <see cref="Graph{TShared}"/> or an <see cref="AsyncGraph{TShared}"/>.</summary>
    public static Graph<Journal> Graph(NodeKind kind, INode<Journal>? start = null, string? id = null) =>
        kind == NodeKind.Sync ? new Graph<Journal>(start, id) : new AsyncGraph<Journal>(start, id);
}

/// <summary>A synchronous node driven by a <see cref="NodeScript{TPrep, TExec}"/>.</summary>
public sealed class SyncScriptedNode<TPrep, TExec>(string id, NodeScript<TPrep, TExec> script, int maxRetries = 1, TimeSpan wait = default)
    : Node<Journal, TPrep, TExec>(maxRetries, wait, id)
{
    /// <inheritdoc />
    protected override void BeforePrep(Journal shared, NodeContext context) => script.BeforePrep?.Invoke(shared, context);

    /// <inheritdoc />
    protected override TPrep Prep(Journal shared, NodeContext context) => script.Prep is null ? base.Prep(shared, context) : script.Prep(shared, context);

    /// <inheritdoc />
    protected override TExec Exec(TPrep prep, NodeContext context) => script.Exec(prep, context);

    /// <inheritdoc />
    protected override TExec ExecFallback(TPrep prep, Exception error, NodeContext context) =>
        script.Fallback is null ? base.ExecFallback(prep, error, context) : script.Fallback(prep, error, context);

    /// <inheritdoc />
    protected override void AfterExec(Journal shared, TPrep prep, TExec exec, NodeContext context) => script.AfterExec?.Invoke(shared, prep, exec, context);

    /// <inheritdoc />
    protected override string? Post(Journal shared, TPrep prep, TExec exec, NodeContext context) => script.Post?.Invoke(shared, prep, exec, context);

    /// <inheritdoc />
    protected override bool OnError(Journal shared, Exception error, NodeContext context) => script.OnError?.Invoke(shared, error, context) ?? false;
}

/// <summary>An asynchronous node driven by a <see cref="NodeScript{TPrep, TExec}"/>: each phase yields first, then runs the script.</summary>
public sealed class AsyncScriptedNode<TPrep, TExec>(string id, NodeScript<TPrep, TExec> script, int maxRetries = 1, TimeSpan wait = default)
    : AsyncNode<Journal, TPrep, TExec>(maxRetries, wait, id)
{
    /// <inheritdoc />
    public override async ValueTask BeforePrepAsync(Journal shared, NodeContext context)
    {
        await Task.Yield();
        script.BeforePrep?.Invoke(shared, context);
    }

    /// <inheritdoc />
    public override async ValueTask<TPrep> PrepAsync(Journal shared, NodeContext context)
    {
        await Task.Yield();
        return script.Prep is null ? default! : script.Prep(shared, context);
    }

    /// <inheritdoc />
    public override async ValueTask<TExec> ExecAsync(TPrep input, NodeContext context)
    {
        await Task.Yield();
        return script.Exec(input, context);
    }

    /// <inheritdoc />
    public override async ValueTask<TExec> ExecFallbackAsync(TPrep input, Exception error, NodeContext context)
    {
        await Task.Yield();
        return script.Fallback is null ? await base.ExecFallbackAsync(input, error, context) : script.Fallback(input, error, context);
    }

    /// <inheritdoc />
    public override async ValueTask AfterExecAsync(Journal shared, TPrep prep, TExec exec, NodeContext context)
    {
        await Task.Yield();
        script.AfterExec?.Invoke(shared, prep, exec, context);
    }

    /// <inheritdoc />
    public override async ValueTask<string?> PostAsync(Journal shared, TPrep prep, TExec exec, NodeContext context)
    {
        await Task.Yield();
        return script.Post?.Invoke(shared, prep, exec, context);
    }

    /// <inheritdoc />
    public override async ValueTask<bool> OnErrorAsync(Journal shared, Exception error, NodeContext context)
    {
        await Task.Yield();
        return script.OnError?.Invoke(shared, error, context) ?? false;
    }
}
