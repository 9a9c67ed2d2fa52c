using System.Collections.Generic;
using System.Linq;
using KayGraph.Generators.Binding;
using KayGraph.Generators.Models;
using KayGraph.Generators.Parsing;

namespace KayGraph.Generators.Emitting;

/// <summary>Emits a graph: fields and constructors for its nodes, a switch-based runner, and the Mermaid flowchart.</summary>
internal static class GraphEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string Context = "global::KayGraph.NodeContext";

    /// <summary>The runner of a bound graph, or (when it cannot run) the members other code refers to, throwing when run.</summary>
    /// <returns><see langword="null"/> when the graph class is not partial and so cannot take generated members.</returns>
    public static string? Emit(BoundGraph plan) => !plan.Graph.IsExtensible ? null : plan.CanEmit ? EmitRunner(plan) : EmitUnavailable(plan);

    private static string EmitRunner(BoundGraph plan)
    {
        var graph = plan.Graph;
        var shared = plan.SharedType!;
        var writer = new CodeWriter();
        var blocks = EmitterCommon.Begin(writer, graph);
        var node = $"global::KayGraph.INode<{shared}>";
        var name = Naming.Escape(graph.Name);
        var parameters = ParameterNames(plan.Nodes);

        writer.Line($"/// <summary>KayGraph runner of the graph <see cref=\"{name}\"/> (generated).</summary>");
        writer.Line(EmitterCommon.GeneratedCode);
        writer.Line(EmitterCommon.ExcludeFromCoverage);
        var body = $"global::KayGraph.IGraphBody<{shared}>";
        var steppable = graph.Phase(PhaseKind.GraphPrep) is null; // a batch graph runs as one step of a durable run
        var durable = $"global::KayGraph.IDurableGraph<{shared}>";
        writer.Open($"partial {graph.Keyword} {name} : {node}, {body}{(steppable ? ", " + durable : string.Empty)}{(plan.OwnsDisposables ? ", global::System.IAsyncDisposable" : string.Empty)}");

        writer.Line("/// <summary>The flowchart of this graph in Mermaid syntax, generated at compile time.</summary>");
        writer.Line($"public const string Mermaid = {Naming.Literal(MermaidChart.Write(plan))};");
        writer.Line();
        if (graph.IsDurable)
        {
            writer.Line("/// <summary>The graph's node ids and edges, hashed: a checkpoint of another fingerprint resumes while its position still exists.</summary>");
            writer.Line($"public const string Fingerprint = {Naming.Literal(plan.Fingerprint)};");
            writer.Line();
        }

        for (var i = 0; i < plan.Nodes.Count; i++)
        {
            writer.Line($"private readonly {plan.Nodes[i].FullName} __kayGraphNode{i};");
        }

        for (var i = 0; i < plan.Nodes.Count; i++)
        {
            var actions = plan.Nodes[i].Edges.Select(e => Naming.Literal(e.Action)).ToList();
            if (actions.Count > 0)
            {
                writer.Line($"private static readonly string[] __kayGraphActions{i} = new string[] {{ {string.Join(", ", actions)} }};");
            }
        }

        if (plan.OwnsDisposables)
        {
            writer.Line("private readonly bool __kayGraphOwnsNodes;");
        }

        writer.Line();
        WriteConstructors(writer, plan, parameters, name, plan.OwnsDisposables, unavailable: false);
        if (plan.OwnsDisposables)
        {
            WriteDispose(writer, plan.OwnedDisposables);
        }

        writer.Line("/// <summary>The options of runs started with <c>RunAsync</c>: logger, clock for retry waits, strict actions.</summary>");
        writer.Line("public global::KayGraph.RunOptions Options { get; set; } = global::KayGraph.RunOptions.Default;");
        writer.Line();
        writer.Line($"string {node}.Id => {Naming.Literal(graph.Name)};");
        writer.Line();
        writer.Line("/// <summary>Runs the graph from its start node against <paramref name=\"shared\"/> and returns the last action.</summary>");
        writer.Line("/// <param name=\"shared\">The shared store.</param>");
        writer.Line("/// <param name=\"cancellationToken\">Observed by every phase and every retry wait.</param>");
        writer.Line("/// <returns>The last action (<see langword=\"null\"/> for the default action).</returns>");
        writer.Line($"public {ValueTask}<string?> RunAsync({shared} shared, global::System.Threading.CancellationToken cancellationToken = default) =>");
        var run = $"global::KayGraph.GraphRuntime.RunGraphAsync<{graph.FullName}, {shared}>";
        var id = Naming.Literal(graph.Name);
        writer.Line($"    {run}(this, shared, new {Context}(this.Options, null, cancellationToken), {id});");
        writer.Line();
        writer.Line($"{ValueTask}<string?> {node}.RunAsync({shared} shared, {Context} context) => {run}(this, shared, context, {id});");
        writer.Line();
        writer.Line("/// <summary>Runs the graph like <c>RunAsync</c> and yields its events as they happen; breaking out of the loop cancels the run.</summary>");
        writer.Line("/// <param name=\"shared\">The shared store.</param>");
        writer.Line("/// <param name=\"cancellationToken\">Cancels the run.</param>");
        writer.Line("/// <returns>The run's events: the graph's, its nodes' (with nested graphs in their paths), retries and batch progress.</returns>");
        writer.Line($"public global::System.Collections.Generic.IAsyncEnumerable<global::KayGraph.GraphEvent> RunStreamingAsync({shared} shared, global::System.Threading.CancellationToken cancellationToken = default) =>");
        writer.Line($"    global::KayGraph.GraphRuntime.StreamAsync<{graph.FullName}, {shared}>(this, shared, this.Options, cancellationToken);");
        writer.Line();
        WriteBody(writer, graph, shared, body);
        writer.Line();
        WriteRunNodes(writer, plan, shared);
        if (steppable)
        {
            writer.Line();
            WriteDurable(writer, plan, shared, durable);
        }

        writer.Close();
        EmitterCommon.End(writer, blocks);
        return writer.Finish();
    }

    /// <summary>
    /// The graph's constructors: parameterless (when every node has one), from node instances (parameters in the order of
    /// <see cref="BoundGraph.Nodes"/>), and from a service provider. An unavailable graph keeps the same shapes, so code that
    /// creates it still compiles while its declaration errors are fixed.
    /// </summary>
    private static void WriteConstructors(CodeWriter writer, BoundGraph plan, List<string> parameters, string name, bool ownsNodes, bool unavailable)
    {
        var nodes = plan.Nodes;
        if (plan.HasParameterlessConstructor || (unavailable && nodes.Count == 0))
        {
            writer.Line(ownsNodes
                ? "/// <summary>Creates the graph with a new instance of each node; <see cref=\"DisposeAsync\"/> releases them.</summary>"
                : "/// <summary>Creates the graph with a new instance of each node.</summary>");
            writer.Line($"public {name}()");
            if (!unavailable)
            {
                writer.Line($"    : this({string.Join(", ", nodes.Select(n => $"new {n.FullName}()"))})");
            }

            writer.Line("{");
            if (ownsNodes)
            {
                writer.Line("    this.__kayGraphOwnsNodes = true;");
            }

            writer.Line("}");
            writer.Line();
        }

        if (nodes.Count > 0)
        {
            writer.Line("/// <summary>Creates the graph from node instances.</summary>");
            for (var i = 0; i < nodes.Count; i++)
            {
                writer.Line($"/// <param name=\"{parameters[i].TrimStart('@')}\">The <see cref=\"{nodes[i].FullName}\"/> node.</param>");
            }

            writer.Open($"public {name}({string.Join(", ", nodes.Select((n, i) => $"{n.FullName} {parameters[i]}"))})");
            for (var i = 0; i < nodes.Count; i++)
            {
                writer.Line(unavailable
                    ? $"_ = {parameters[i]};"
                    : $"this.__kayGraphNode{i} = {parameters[i]} ?? throw new global::System.ArgumentNullException(nameof({parameters[i]}));");
            }

            writer.Close();
            writer.Line();
        }

        writer.Line("/// <summary>Creates the graph, resolving each node from <paramref name=\"services\"/> (or creating it with constructor injection); its runs use these services (Polly pipelines).</summary>");
        writer.Line("/// <param name=\"services\">The service provider.</param>");
        if (unavailable)
        {
            writer.Open($"public {name}(global::System.IServiceProvider services)");
            writer.Line("_ = services;");
            writer.Close();
        }
        else
        {
            writer.Line($"public {name}(global::System.IServiceProvider services)");
            writer.Line($"    : this({string.Join(", ", nodes.Select((n, i) => $"global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities.GetServiceOrCreateInstance<{n.FullName}>({(i == 0 ? "services ?? throw new global::System.ArgumentNullException(nameof(services))" : "services")})"))})");
            writer.Line("{");
            writer.Line("    this.Options = new global::KayGraph.RunOptions { Services = services };");
            writer.Line("}");
        }

        writer.Line();
    }

    /// <summary>
    /// A graph that cannot run because of declaration errors (reported on their culprits): the members other code refers
    /// to, so that one mistake gives one diagnostic rather than a cascade of compiler errors. Running it throws.
    /// </summary>
    private static string EmitUnavailable(BoundGraph plan)
    {
        var graph = plan.Graph;
        var shared = plan.SharedType ?? "object?";
        var writer = new CodeWriter();
        var blocks = EmitterCommon.Begin(writer, graph);
        var name = Naming.Escape(graph.Name);
        var message = Naming.Literal($"Graph '{graph.Name}' cannot run: it or a node it reaches has declaration errors (KayGraph diagnostics KG0002-KG0014, or KG0001); fix them and rebuild.");
        writer.Line($"/// <summary>KayGraph graph <see cref=\"{name}\"/>: not runnable until its declaration errors are fixed (generated).</summary>");
        writer.Line(EmitterCommon.GeneratedCode);
        writer.Line(EmitterCommon.ExcludeFromCoverage);
        writer.Open($"partial {graph.Keyword} {name}");
        writer.Line("/// <summary>The flowchart of this graph in Mermaid syntax, generated at compile time.</summary>");
        writer.Line($"public const string Mermaid = {Naming.Literal(MermaidChart.Write(plan))};");
        writer.Line();
        WriteConstructors(writer, plan, ParameterNames(plan.Nodes), name, ownsNodes: false, unavailable: true);
        writer.Line("/// <summary>The options of runs started with <c>RunAsync</c>: logger, clock for retry waits, strict actions.</summary>");
        writer.Line("public global::KayGraph.RunOptions Options { get; set; } = global::KayGraph.RunOptions.Default;");
        writer.Line();
        writer.Line("/// <summary>Throws: the graph has declaration errors.</summary>");
        writer.Line("/// <param name=\"shared\">The shared store.</param>");
        writer.Line("/// <param name=\"cancellationToken\">Not observed.</param>");
        writer.Line("/// <returns>Never returns.</returns>");
        writer.Line($"public {ValueTask}<string?> RunAsync({shared} shared, global::System.Threading.CancellationToken cancellationToken = default) =>");
        writer.Line($"    throw new global::System.InvalidOperationException({message});");
        writer.Close();
        EmitterCommon.End(writer, blocks);
        return writer.Finish();
    }

    /// <summary>
    /// Releases the disposable nodes the parameterless constructor created. Nodes passed to a constructor or resolved from
    /// a service provider belong to the caller (or the container), as usual in .NET.
    /// </summary>
    private static void WriteDispose(CodeWriter writer, IEnumerable<int> indexes)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Releases the nodes this graph created with its parameterless constructor (<see cref=\"global::System.IAsyncDisposable\"/>,");
        writer.Line("/// else <see cref=\"global::System.IDisposable\"/>). Nodes passed in, or resolved from a service provider, belong to the caller.");
        writer.Line("/// </summary>");
        writer.Line($"/// <returns>A task that completes when the nodes are released.</returns>");
        writer.Open($"public async {ValueTask} DisposeAsync()");
        writer.Open("if (!this.__kayGraphOwnsNodes)");
        writer.Line("return;");
        writer.Close();
        writer.Line();
        foreach (var index in indexes)
        {
            writer.Line($"await global::KayGraph.GeneratedCodeSupport.DisposeNodeAsync(this.__kayGraphNode{index}).ConfigureAwait(false);");
        }

        writer.Close();
        writer.Line();
    }

    /// <summary>
    /// The graph's body, which the runtime's <c>GraphRuntime.RunGraphAsync</c> wraps in the graph's span: the node loop, or
    /// for a batch graph its prep and the loop once per parameter set.
    /// </summary>
    private static void WriteBody(CodeWriter writer, NodeModel graph, string shared, string body)
    {
        var prep = graph.Phase(PhaseKind.GraphPrep);
        if (prep is null)
        {
            writer.Line($"{ValueTask}<string?> {body}.RunBodyAsync({shared} shared, {Context} context) => this.__KayGraphRunNodesAsync(shared, context);");
            return;
        }

        writer.Open($"async {ValueTask}<string?> {body}.RunBodyAsync({shared} shared, {Context} context)");
        var arguments = string.Join(", ", prep.Arguments.Select(a => NodeEmitter.ArgumentName(a, PhaseKind.GraphPrep, isBatch: false)));
        var call = $"this.{Naming.Escape(prep.MethodName)}({arguments})";
        writer.Line(prep.Shape is ResultShape.TaskOfT or ResultShape.ValueTaskOfT ? $"var sets = await {call}.ConfigureAwait(false);" : $"var sets = {call};");
        var concurrency = graph.Kind == NodeKind.ParallelBatchGraph ? graph.MaxConcurrency : 1;
        writer.Line($"await global::KayGraph.GraphRuntime.RunParameterSetsAsync(sets, context, {concurrency}, branch => this.__KayGraphRunNodesAsync(shared, branch)).ConfigureAwait(false);");
        writer.Line("return null;");
        writer.Close();
    }

    private static void WriteRunNodes(CodeWriter writer, BoundGraph plan, string shared)
    {
        writer.Open($"private async {ValueTask}<string?> __KayGraphRunNodesAsync({shared} shared, {Context} context)");
        writer.Line("string? action;");
        writer.Line("var state = 0;");
        writer.Open("while (true)");
        writer.Line("context.CancellationToken.ThrowIfCancellationRequested();");
        writer.Open("switch (state)");
        for (var i = 0; i < plan.Nodes.Count; i++)
        {
            var node = plan.Nodes[i];
            writer.Line($"case {i}:");
            writer.Line($"    action = await {Invocation(node, i, shared)}.ConfigureAwait(false);");
            if (node.Edges.Count == 0)
            {
                writer.Line("    return action;");
                continue;
            }

            WriteTransitions(writer, plan, node, i, next => next >= 0 ? $"state = {next}; continue;" : "return action;");
        }

        writer.Line("default:");
        writer.Line("    return null;");
        writer.Close();
        writer.Close();
        writer.Close();
    }

    /// <summary>
    /// The graph as the durable runtime drives it (node by node, with its transitions), and for a durable graph its public
    /// <c>StartAsync</c>/<c>ResumeAsync</c>, one typed <c>ResumeAsync</c> per answer type of its interrupts.
    /// </summary>
    private static void WriteDurable(CodeWriter writer, BoundGraph plan, string shared, string durable)
    {
        var graph = plan.Graph;
        var id = Naming.Literal(graph.Name);
        if (graph.IsDurable)
        {
            var json = graph.JsonContext is null ? "global::KayGraph.DurableJson.ReflectionOptions" : graph.JsonContext + ".Default.Options";
            var runtime = "global::KayGraph.DurableRuntime";
            var result = $"global::System.Threading.Tasks.ValueTask<global::KayGraph.RunResult<{shared}>>";
            var store = "global::KayGraph.ICheckpointStore store";
            var token = "global::System.Threading.CancellationToken cancellationToken = default";
            writer.Line("/// <summary>Starts the durable run <paramref name=\"runId\"/>: a checkpoint after every node's post, in <paramref name=\"store\"/>.</summary>");
            writer.Line("/// <param name=\"runId\">The new run's id.</param>");
            writer.Line("/// <param name=\"shared\">The shared store.</param>");
            writer.Line("/// <param name=\"store\">Where the checkpoints go.</param>");
            writer.Line("/// <param name=\"cancellationToken\">Cancels the run, which then stays at its last checkpoint.</param>");
            writer.Line("/// <returns>The run's result: completed, suspended (waiting for an answer) or failed.</returns>");
            writer.Line($"public {result} StartAsync(string runId, {shared} shared, {store}, {token}) =>");
            writer.Line($"    {runtime}.StartAsync<{graph.FullName}, {shared}>(this, runId, shared, store, this.Options, {json}, cancellationToken);");
            writer.Line();
            writer.Line("/// <summary>Continues the durable run <paramref name=\"runId\"/> from its latest checkpoint (a suspended run stays suspended).</summary>");
            writer.Line("/// <param name=\"runId\">The run.</param>");
            writer.Line("/// <param name=\"store\">Where its checkpoints are.</param>");
            writer.Line("/// <param name=\"cancellationToken\">Cancels the run, which then stays at its last checkpoint.</param>");
            writer.Line("/// <returns>The run's result.</returns>");
            writer.Line($"public {result} ResumeAsync(string runId, {store}, {token}) =>");
            writer.Line($"    {runtime}.ResumeAsync<{graph.FullName}, {shared}>(this, runId, store, this.Options, {json}, cancellationToken);");
            writer.Line();
            var stream = "global::System.Collections.Generic.IAsyncEnumerable<global::KayGraph.GraphEvent>";
            writer.Line("/// <summary>As <c>StartAsync</c>, yielding the run's events as they happen (checkpoints and suspensions included).</summary>");
            writer.Line("/// <param name=\"runId\">The new run's id.</param>");
            writer.Line("/// <param name=\"shared\">The shared store.</param>");
            writer.Line("/// <param name=\"store\">Where the checkpoints go.</param>");
            writer.Line("/// <param name=\"cancellationToken\">Cancels the run; breaking out of the loop cancels it too.</param>");
            writer.Line("/// <returns>The run's events.</returns>");
            writer.Line($"public {stream} StartStreamingAsync(string runId, {shared} shared, {store}, {token}) =>");
            writer.Line($"    {runtime}.StartStreamingAsync<{graph.FullName}, {shared}>(this, runId, shared, store, this.Options, {json}, cancellationToken);");
            writer.Line();
            writer.Line("/// <summary>As <c>ResumeAsync</c>, yielding the run's events as they happen.</summary>");
            writer.Line("/// <param name=\"runId\">The run.</param>");
            writer.Line("/// <param name=\"store\">Where its checkpoints are.</param>");
            writer.Line("/// <param name=\"cancellationToken\">Cancels the run; breaking out of the loop cancels it too.</param>");
            writer.Line("/// <returns>The run's events.</returns>");
            writer.Line($"public {stream} ResumeStreamingAsync(string runId, {store}, {token}) =>");
            writer.Line($"    {runtime}.ResumeStreamingAsync<{graph.FullName}, {shared}>(this, runId, store, this.Options, {json}, cancellationToken);");
            writer.Line();
            foreach (var answer in plan.Interrupts.Select(i => i.AnswerType).Distinct())
            {
                writer.Line("/// <summary>As the typed <c>ResumeAsync</c>, yielding the run's events as they happen.</summary>");
                writer.Line("/// <param name=\"runId\">The run.</param>");
                writer.Line("/// <param name=\"answer\">The answer to the pending interrupt.</param>");
                writer.Line("/// <param name=\"store\">Where its checkpoints are.</param>");
                writer.Line("/// <param name=\"cancellationToken\">Cancels the run; breaking out of the loop cancels it too.</param>");
                writer.Line("/// <returns>The run's events.</returns>");
                writer.Line($"public {stream} ResumeStreamingAsync(string runId, {answer} answer, {store}, {token}) =>");
                writer.Line($"    {runtime}.ResumeStreamingAsync<{graph.FullName}, {shared}, {answer}>(this, runId, answer, store, this.Options, {json}, cancellationToken);");
                writer.Line();
            }

            foreach (var answer in plan.Interrupts.Select(i => i.AnswerType).Distinct())
            {
                writer.Line("/// <summary>Answers the question the suspended run <paramref name=\"runId\"/> waits on and continues it.</summary>");
                writer.Line("/// <param name=\"runId\">The run.</param>");
                writer.Line("/// <param name=\"answer\">The answer to the pending interrupt.</param>");
                writer.Line("/// <param name=\"store\">Where its checkpoints are.</param>");
                writer.Line("/// <param name=\"cancellationToken\">Cancels the run, which then stays at its last checkpoint.</param>");
                writer.Line("/// <returns>The run's result.</returns>");
                writer.Line($"public {result} ResumeAsync(string runId, {answer} answer, {store}, {token}) =>");
                writer.Line($"    {runtime}.ResumeAsync<{graph.FullName}, {shared}, {answer}>(this, runId, answer, store, this.Options, {json}, cancellationToken);");
                writer.Line();
            }
        }

        var serializer = !graph.IsDurable ? "null" : graph.JsonContext is null ? "global::KayGraph.DurableJson.ReflectionOptions" : graph.JsonContext + ".Default.Options";
        writer.Line($"string {durable}.GraphId => {id};");
        writer.Line($"global::System.Text.Json.JsonSerializerOptions? {durable}.SerializerOptions => {serializer};");
        writer.Line($"string {durable}.Fingerprint => {Naming.Literal(plan.Fingerprint)};");
        writer.Line($"int {durable}.NodeCount => {plan.Nodes.Count};");
        writer.Line();
        writer.Open($"string {durable}.NodeId(int index)");
        writer.Open("switch (index)");
        for (var i = 0; i < plan.Nodes.Count; i++)
        {
            writer.Line($"case {i}: return {Naming.Literal(plan.Nodes[i].Name)};");
        }

        writer.Line("default: throw new global::System.ArgumentOutOfRangeException(nameof(index));");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Open($"{durable}? {durable}.NestedGraph(int index)");
        writer.Open("switch (index)");
        for (var i = 0; i < plan.Nodes.Count; i++)
        {
            if (plan.Nodes[i].IsGraph && plan.NestedOf(plan.Nodes[i]) is { CanEmit: true } nested && nested.Graph.Phase(PhaseKind.GraphPrep) is null && nested.SharedType == shared)
            {
                writer.Line($"case {i}: return this.__kayGraphNode{i};");
            }
        }

        writer.Line("default: return null;");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Open($"{ValueTask}<string?> {durable}.RunNodeAsync(int index, {shared} shared, {Context} context)");
        writer.Open("switch (index)");
        for (var i = 0; i < plan.Nodes.Count; i++)
        {
            writer.Line($"case {i}: return {Invocation(plan.Nodes[i], i, shared)};");
        }

        writer.Line("default: throw new global::System.ArgumentOutOfRangeException(nameof(index));");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Open($"int {durable}.Next(int index, string? action, {Context} context)");
        writer.Open("switch (index)");
        for (var i = 0; i < plan.Nodes.Count; i++)
        {
            var node = plan.Nodes[i];
            writer.Line($"case {i}:");
            if (node.Edges.Count == 0)
            {
                writer.Line("    return -1;");
                continue;
            }

            WriteTransitions(writer, plan, node, i, next => $"return {next};");
        }

        writer.Line("default:");
        writer.Line("    throw new global::System.ArgumentOutOfRangeException(nameof(index));");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Open($"global::System.Type? {durable}.FindType(string fullName)");
        writer.Open("switch (fullName)");
        foreach (var (fullName, type) in plan.Interrupts.SelectMany(i => new[] { (i.RequestFullName, i.RequestType), (i.AnswerFullName, i.AnswerType) }).GroupBy(t => t.Item1).Select(g => g.First()))
        {
            writer.Line($"case {Naming.Literal(fullName)}: return typeof({type.TrimEnd('?')});");
        }

        writer.Line("default: return null;");
        writer.Close();
        writer.Close();
    }

    /// <summary>
    /// The one place that turns a node's declared actions into code: a <c>switch</c> on the action with one arm per edge
    /// (the next node's index, or -1 for an <c>[End]</c> action) and, for any other action, the runtime's "no successor"
    /// handling. <paramref name="arm"/> writes what an arm does with the next index (the in-memory loop jumps, the durable
    /// graph returns it).
    /// </summary>
    private static void WriteTransitions(CodeWriter writer, BoundGraph plan, NodeModel node, int index, System.Func<int, string> arm)
    {
        writer.Line("    switch (action)");
        writer.Line("    {");
        foreach (var edge in node.Edges)
        {
            var label = edge.Action == "default" ? "case null: case \"default\":" : $"case {Naming.Literal(edge.Action)}:";
            writer.Line($"        {label} {arm(edge.TargetFullName is { } target ? plan.IndexOf(target) : -1)}");
        }

        writer.Line($"        default: global::KayGraph.GraphRuntime.ActionNotFound(context, {Naming.Literal(node.Name)}, action, __kayGraphActions{index}); {arm(-1)}");
        writer.Line("    }");
    }

    private static string Invocation(NodeModel node, int index, string shared)
    {
        var field = $"this.__kayGraphNode{index}";
        if (node.IsGraph)
        {
            return $"global::KayGraph.GeneratedCodeSupport.RunNodeAsync<{node.FullName}, {shared}>({field}, shared, context)";
        }

        var nodeShared = NodeEmitter.SharedOf(node);
        return node.IsBatch
            ? $"global::KayGraph.NodeExecutor.RunBatchAsync<{node.FullName}, {nodeShared}, {node.PrepType}, {node.ItemType}, {node.ExecType}>({field}, shared, context)"
            : $"global::KayGraph.NodeExecutor.RunAsync<{NodeEmitter.LifecycleOf(node)}, {nodeShared}, {node.PrepType}, {node.ExecType}>(new {NodeEmitter.LifecycleOf(node)}({field}), shared, context)";
    }

    private static List<string> ParameterNames(IReadOnlyList<NodeModel> nodes)
    {
        var names = new List<string>();
        var used = new HashSet<string> { "services" };
        foreach (var node in nodes)
        {
            var name = Naming.ToParameterName(node.Name);
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = name.TrimStart('@') + n;
            }

            names.Add(candidate);
        }

        return names;
    }
}
