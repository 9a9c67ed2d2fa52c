using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KayGraph.Generators.Models;
using KayGraph.Generators.Parsing;

namespace KayGraph.Generators.Emitting;

/// <summary>
/// Emits the lifecycle glue of one node: a nested struct whose members call the user's phases directly (what the executor
/// runs), the class's explicit interface implementations handing over to it; a batch node's phases on the class itself.
/// </summary>
internal static class NodeEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string Context = "global::KayGraph.NodeContext";
    private const string Support = "global::KayGraph.GeneratedCodeSupport";

    /// <summary>
    /// The glue of a node; for a node with declaration errors (reported on their culprits) only its <c>Action</c> enum, so
    /// that code returning its actions still compiles; <see langword="null"/> when there is nothing to emit (or the class,
    /// not being partial, cannot take generated members).
    /// </summary>
    public static string? Emit(NodeModel model) => !model.IsExtensible ? null : !model.HasErrors ? EmitGlue(model) : model.HasActionEnum ? EmitActionsOnly(model) : null;

    private static string EmitActionsOnly(NodeModel model)
    {
        var writer = new CodeWriter();
        var blocks = EmitterCommon.Begin(writer, model);
        writer.Line($"/// <summary>The actions of <see cref=\"{Naming.Escape(model.Name)}\"/> (generated; its lifecycle glue waits for its declaration errors to be fixed).</summary>");
        writer.Line(EmitterCommon.GeneratedCode);
        writer.Line(EmitterCommon.ExcludeFromCoverage);
        writer.Open($"partial {model.Keyword} {Naming.Escape(model.Name)}");
        WriteActionEnum(writer, model);
        writer.Close();
        EmitterCommon.End(writer, blocks);
        return writer.Finish();
    }

    /// <summary>
    /// The node's settings, built once in a static field: the short factory for retries and wait alone; with backoff, cap,
    /// jitter, timeout or <c>[RetryOn]</c>, the long one, and the retry filter as a static method whose delegate the field
    /// holds (no allocation per run).
    /// </summary>
    private static void WriteSettings(CodeWriter writer, NodeModel model)
    {
        const string Field = "private static readonly global::KayGraph.NodeSettings __kayGraphSettings = global::KayGraph.NodeSettings.FromMilliseconds";
        if (model.Resilience is not { } resilience)
        {
            var concurrency = model.Kind == NodeKind.ParallelBatchNode ? ", " + model.MaxConcurrency : string.Empty;
            writer.Line($"{Field}({model.MaxRetries}, {model.WaitMilliseconds}{concurrency});");
            return;
        }

        var maxConcurrency = model.Kind == NodeKind.ParallelBatchNode && model.MaxConcurrency != int.MaxValue ? model.MaxConcurrency.ToString(CultureInfo.InvariantCulture) : "int.MaxValue";
        var retryOn = resilience.RetryOn.Count > 0 ? "__KayGraphRetryOn" : "null";
        var pipeline = resilience.Pipeline is { } key ? $".WithResilience({Naming.Literal(key)})" : string.Empty;
        writer.Line($"{Field}({model.MaxRetries}, {model.WaitMilliseconds}, {maxConcurrency}, global::KayGraph.Backoff.{resilience.Backoff}, {resilience.MaxWaitMilliseconds}, {(resilience.Jitter ? "true" : "false")}, {resilience.TimeoutMilliseconds}, {retryOn}){pipeline};");
        if (resilience.RetryOn.Count > 0)
        {
            writer.Line();
            writer.Line("/// <summary>Whether a failure of exec is retried: its [RetryOn] types (generated).</summary>");
            writer.Line($"private static bool __KayGraphRetryOn(global::System.Exception error) => {string.Join(" || ", resilience.RetryOn.Select(t => "error is " + t))};");
        }
    }

    private static string EmitGlue(NodeModel model)
    {
        var writer = new CodeWriter();
        var blocks = EmitterCommon.Begin(writer, model);
        var shared = SharedOf(model);
        var node = $"global::KayGraph.INode<{shared}>";
        var lifecycle = model.IsBatch
            ? $"global::KayGraph.IBatchNodeLifecycle<{shared}, {model.PrepType}, {model.ItemType}, {model.ExecType}>"
            : $"global::KayGraph.INodeLifecycle<{shared}, {model.PrepType}, {model.ExecType}>";
        var input = model.IsBatch ? model.ItemType! : model.PrepType;
        var execPhase = $"global::KayGraph.IExecPhase<{input}, {model.ExecType}>";

        writer.Line($"/// <summary>KayGraph lifecycle glue of <see cref=\"{Naming.Escape(model.Name)}\"/> (generated).</summary>");
        writer.Line(EmitterCommon.GeneratedCode);
        writer.Line(EmitterCommon.ExcludeFromCoverage);
        writer.Open($"partial {model.Keyword} {Naming.Escape(model.Name)} : {node}, {lifecycle}");

        WriteActions(writer, model);
        WriteSettings(writer, model);
        writer.Line();
        writer.Line($"string {node}.Id => {Naming.Literal(model.Name)};");
        writer.Line($"string {lifecycle}.Id => {Naming.Literal(model.Name)};");
        writer.Line($"global::KayGraph.NodeSettings {lifecycle}.Settings => __kayGraphSettings;");
        if (model.IsBatch)
        {
            writer.Line($"bool {lifecycle}.IsParallel => {(model.Kind == NodeKind.ParallelBatchNode ? "true" : "false")};");
            var execAsync = model.Phase(PhaseKind.Exec)?.Shape is ResultShape.Task or ResultShape.TaskOfT or ResultShape.ValueTask or ResultShape.ValueTaskOfT;
            writer.Line($"bool {lifecycle}.IsExecAsync => {(execAsync ? "true" : "false")};");
        }

        writer.Line();
        writer.Line($"{ValueTask}<string?> {node}.RunAsync({shared} shared, {Context} context) =>");
        writer.Line(model.IsBatch
            ? $"    global::KayGraph.NodeExecutor.RunBatchAsync<{model.FullName}, {shared}, {model.PrepType}, {model.ItemType}, {model.ExecType}>(this, shared, context);"
            : $"    global::KayGraph.NodeExecutor.RunAsync<{LifecycleOf(model)}, {shared}, {model.PrepType}, {model.ExecType}>(new {LifecycleOf(model)}(this), shared, context);");
        writer.Line();

        if (model.IsBatch)
        {
            WritePhases(writer, model, lifecycle, execPhase, receiver: "this");
        }
        else
        {
            // The phases live in the nested struct; the class's interface members hand over to it.
            foreach (var member in PhaseMembers(model, lifecycle, execPhase))
            {
                writer.Line($"{member.Return} {member.Owner}.{member.Name}({member.Parameters}) => new {Lifecycle}(this).{member.Name}({member.Arguments});");
            }

            WriteLifecycleStruct(writer, model, lifecycle);
        }

        WritePostHelper(writer, model.Phase(PhaseKind.Post));
        writer.Close();
        EmitterCommon.End(writer, blocks);
        return writer.Finish();
    }

    /// <summary>The name of the struct that carries a plain node's phases, nested in the node's class.</summary>
    private const string Lifecycle = "__KayGraphLifecycle";

    /// <summary>The full name of a plain node's lifecycle struct: what the executor and the graphs are specialized on.</summary>
    public static string LifecycleOf(NodeModel model) => model.FullName + "." + Lifecycle;

    /// <summary>One member of a node's lifecycle interfaces: its return type, the interface that declares it, its name and parameters.</summary>
    private sealed record PhaseMember(string Return, string Owner, string Name, string Parameters, string Arguments);

    private static IEnumerable<PhaseMember> PhaseMembers(NodeModel model, string lifecycle, string execPhase)
    {
        var shared = SharedOf(model);
        var input = model.PrepType;
        yield return new PhaseMember(ValueTask, lifecycle, "BeforePrepAsync", $"{shared} shared, {Context} context", "shared, context");
        yield return new PhaseMember($"{ValueTask}<{model.PrepType}>", lifecycle, "PrepAsync", $"{shared} shared, {Context} context", "shared, context");
        yield return new PhaseMember($"{ValueTask}<{model.ExecType}>", execPhase, "ExecAsync", $"{input} input, {Context} context", "input, context");
        yield return new PhaseMember($"{ValueTask}<{model.ExecType}>", execPhase, "ExecFallbackAsync", $"{input} input, global::System.Exception error, {Context} context", "input, error, context");
        yield return new PhaseMember(ValueTask, lifecycle, "AfterExecAsync", $"{shared} shared, {model.PrepType} prep, {model.ExecType} exec, {Context} context", "shared, prep, exec, context");
        yield return new PhaseMember($"{ValueTask}<string?>", lifecycle, "PostAsync", $"{shared} shared, {model.PrepType} prep, {model.ExecType} exec, {Context} context", "shared, prep, exec, context");
        yield return new PhaseMember($"{ValueTask}<bool>", lifecycle, "OnErrorAsync", $"{shared} shared, global::System.Exception error, {Context} context", "shared, error, context");
    }

    /// <summary>
    /// The lifecycle of a plain node as a struct nested in its class: the executor's generic code, instantiated over a
    /// struct, is specialized for this node (no shared-generic lookups, the user's phases inlinable), where over the class
    /// it would be the code shared by every reference type.
    /// </summary>
    private static void WriteLifecycleStruct(CodeWriter writer, NodeModel model, string lifecycle)
    {
        writer.Line();
        writer.Line($"/// <summary>The phases of <see cref=\"{Naming.Escape(model.Name)}\"/> as KayGraph's executor runs them (generated; not meant to be used by hand).</summary>");
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        writer.Open($"internal readonly struct {Lifecycle} : {lifecycle}");
        writer.Line($"private readonly {model.FullName} __node;");
        writer.Line();
        writer.Line("/// <summary>The phases of <paramref name=\"node\"/>.</summary>");
        writer.Line("/// <param name=\"node\">The node.</param>");
        writer.Line($"public {Lifecycle}({model.FullName} node) => this.__node = node;");
        writer.Line();
        writer.Line($"/// <inheritdoc/>");
        writer.Line($"public string Id => {Naming.Literal(model.Name)};");
        writer.Line($"/// <inheritdoc/>");
        writer.Line("public global::KayGraph.NodeSettings Settings => __kayGraphSettings;");
        writer.Line();
        WritePhases(writer, model, lifecycle: null, execPhase: null, receiver: "this.__node");
        writer.Close();
    }

    /// <summary>
    /// The phases' bodies: as explicit interface members (<paramref name="lifecycle"/> given: a batch node's class) or as the
    /// public members of the lifecycle struct; <paramref name="receiver"/> is the node the user's phases are called on.
    /// </summary>
    private static void WritePhases(CodeWriter writer, NodeModel model, string? lifecycle, string? execPhase, string receiver)
    {
        var shared = SharedOf(model);
        var input = model.IsBatch ? model.ItemType! : model.PrepType;
        var results = $"global::System.Collections.Generic.IReadOnlyList<{model.ExecType}>";
        string Member(string? owner) => owner is null ? "public " : string.Empty;
        string Name(string? owner, string name) => owner is null ? name : $"{owner}.{name}";
        var doc = lifecycle is null ? "/// <inheritdoc/>" : null;
        void Doc()
        {
            if (doc is not null)
            {
                writer.Line(doc);
            }
        }

        Doc();
        writer.Line($"{Member(lifecycle)}{ValueTask} {Name(lifecycle, "BeforePrepAsync")}({shared} shared, {Context} context) => default;");
        Doc();
        WriteValuePhase(writer, model.Phase(PhaseKind.Prep), $"{Member(lifecycle)}{ValueTask}<{model.PrepType}> {Name(lifecycle, "PrepAsync")}({shared} shared, {Context} context)", model.PrepType, "default", isPost: false, model.IsBatch, receiver);
        if (model.IsBatch)
        {
            var factory = model.ItemsAreAsync ? "FromAsync" : "From";
            writer.Line($"global::KayGraph.BatchSource<{model.ItemType}> {lifecycle}.GetItems({model.PrepType} prep) => global::KayGraph.BatchSource<{model.ItemType}>.{factory}(prep);");
        }

        Doc();
        WriteValuePhase(writer, model.Phase(PhaseKind.Exec), $"{Member(execPhase)}{ValueTask}<{model.ExecType}> {Name(execPhase, "ExecAsync")}({input} input, {Context} context)", model.ExecType, "default", isPost: false, model.IsBatch, receiver, model.Interrupt);
        Doc();
        WriteValuePhase(writer, model.Phase(PhaseKind.Fallback), $"{Member(execPhase)}{ValueTask}<{model.ExecType}> {Name(execPhase, "ExecFallbackAsync")}({input} input, global::System.Exception error, {Context} context)", model.ExecType, $"{Support}.Rethrow<{model.ExecType}>(error)", isPost: false, model.IsBatch, receiver);
        Doc();
        writer.Line(model.IsBatch
            ? $"{ValueTask} {lifecycle}.AfterExecAsync({shared} shared, {model.PrepType} prep, {results} results, {Context} context) => default;"
            : $"{Member(lifecycle)}{ValueTask} {Name(lifecycle, "AfterExecAsync")}({shared} shared, {model.PrepType} prep, {model.ExecType} exec, {Context} context) => default;");
        Doc();
        WriteValuePhase(writer, model.Phase(PhaseKind.Post), model.IsBatch
            ? $"{ValueTask}<string?> {lifecycle}.PostAsync({shared} shared, {model.PrepType} prep, global::System.Collections.Generic.IReadOnlyList<{model.ItemType}> items, {results} results, {Context} context)"
            : $"{Member(lifecycle)}{ValueTask}<string?> {Name(lifecycle, "PostAsync")}({shared} shared, {model.PrepType} prep, {model.ExecType} exec, {Context} context)", "string?", "default", isPost: true, model.IsBatch, receiver);
        Doc();
        WriteValuePhase(writer, model.Phase(PhaseKind.OnError), $"{Member(lifecycle)}{ValueTask}<bool> {Name(lifecycle, "OnErrorAsync")}({shared} shared, global::System.Exception error, {Context} context)", "bool", "default", isPost: false, model.IsBatch, receiver);
    }

    /// <summary>The shared type a node's interfaces use: its own, or <c>object?</c> when no phase names it (it then fits any graph).</summary>
    public static string SharedOf(NodeModel model) => model.SharedType ?? "object?";

    /// <summary>The generated <c>Action</c> enum and its name mapping, for nodes that declare named actions.</summary>
    private static void WriteActions(CodeWriter writer, NodeModel model)
    {
        if (!model.HasActionEnum)
        {
            return;
        }

        WriteActionEnum(writer, model);
        writer.Line();
        writer.Open("private static string? __KayGraphActionName(Action action)");
        writer.Open("switch (action)");
        foreach (var member in model.ActionMembers)
        {
            writer.Line($"case Action.{Naming.Escape(member.Member)}: return {Naming.Literal(member.Action)};");
        }

        writer.Line("default: return null;");
        writer.Close();
        writer.Close();
        writer.Line();
    }

    private static void WriteActionEnum(CodeWriter writer, NodeModel model)
    {
        writer.Line("/// <summary>The actions of this node: <c>Default</c> plus one member per action declared with [Next] or [End].</summary>");
        writer.Open("public enum Action");
        writer.Line("/// <summary>The default action (<c>\"default\"</c>).</summary>");
        writer.Line("Default,");
        foreach (var member in model.ActionMembers)
        {
            writer.Line($"/// <summary>The action <c>{Xml(member.Action)}</c>{(member.IsEnd ? ", which ends the graph" : string.Empty)}.</summary>");
            writer.Line(Naming.Escape(member.Member) + ",");
        }

        writer.Close();
    }

    private static void WriteValuePhase(CodeWriter writer, PhaseModel? phase, string signature, string valueType, string missing, bool isPost, bool isBatch, string receiver, InterruptModel? interrupt = null)
    {
        if (phase is null)
        {
            writer.Line($"{signature} => {missing};");
            return;
        }

        var call = $"{receiver}.{Naming.Escape(phase.MethodName)}({string.Join(", ", phase.Arguments.Select(a => ArgumentName(a, phase.Kind, isBatch, interrupt)))})";
        switch (phase.Shape)
        {
            case ResultShape.Void:
                writer.Open(signature);
                writer.Line(call + ";");
                writer.Line("return default;");
                writer.Close();
                return;
            case ResultShape.Task:
            case ResultShape.ValueTask:
                writer.Line($"{signature} => {Support}.{(isPost ? "ToDefaultAction" : "ToUnit")}({call});");
                return;
            case ResultShape.Value when isPost:
                var mapped = phase.Result == PostResult.Action ? $"__KayGraphActionName({call})" : call;
                writer.Line($"{signature} => new {ValueTask}<string?>({mapped});");
                return;
            case ResultShape.Value:
            case ResultShape.TaskOfT when !isPost:
                writer.Line($"{signature} => new {ValueTask}<{valueType}>({call});");
                return;
            case ResultShape.ValueTaskOfT when !isPost:
                writer.Line($"{signature} => {call};");
                return;
            default:
                writer.Line($"{signature} => __KayGraphPostResult({call});");
                return;
        }
    }

    /// <summary>Awaits a post that returns Task/ValueTask of string or Action, without allocating when it completed synchronously.</summary>
    private static void WritePostHelper(CodeWriter writer, PhaseModel? post)
    {
        if (post is null || post.Shape is not (ResultShape.TaskOfT or ResultShape.ValueTaskOfT))
        {
            return;
        }

        var type = post.Shape == ResultShape.TaskOfT ? "global::System.Threading.Tasks.Task" : ValueTask;
        var taskType = $"{type}<{post.ValueType}>";
        var map = post.Result == PostResult.Action ? "__KayGraphActionName" : string.Empty;
        var completed = post.Shape == ResultShape.TaskOfT ? "task.Status == global::System.Threading.Tasks.TaskStatus.RanToCompletion" : "task.IsCompletedSuccessfully";
        writer.Line();
        writer.Open($"private static {ValueTask}<string?> __KayGraphPostResult({taskType} task)");
        writer.Open($"if ({completed})");
        writer.Line($"return new {ValueTask}<string?>({map}(task.Result));");
        writer.Close();
        writer.Line();
        writer.Line("return Await(task);");
        writer.Line();
        writer.Line($"static async {ValueTask}<string?> Await({taskType} pending) => {map}(await pending.ConfigureAwait(false));");
        writer.Close();
    }

    /// <summary>The name of the interface method's parameter that feeds one argument of the user's phase.</summary>
    internal static string ArgumentName(ArgumentKind kind, PhaseKind phase, bool isBatch, InterruptModel? interrupt = null) => kind switch
    {
        ArgumentKind.Interrupt when interrupt is not null => $"global::KayGraph.GeneratedCodeSupport.CreateInterrupt<{interrupt.RequestType}, {interrupt.AnswerType}>(context)",
        ArgumentKind.Shared => "shared",
        ArgumentKind.Prep => phase == PhaseKind.Post ? "prep" : "input",
        ArgumentKind.Exec => isBatch ? "results" : "exec",
        ArgumentKind.Item => "input",
        ArgumentKind.Items => "items",
        ArgumentKind.Error => "error",
        ArgumentKind.Context => "context",
        _ => "context.CancellationToken",
    };

    /// <summary>
    /// An action as text inside a one-line XML doc comment: markup characters as entities, and every control or line
    /// separator character (which would end the comment and let the rest reach code) as a space.
    /// </summary>
    private static string Xml(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ when char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' => builder.Append(' '),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
