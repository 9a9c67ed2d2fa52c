using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KayGraph.Generators.Binding;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Emitting;
using KayGraph.Generators.Models;
using KayGraph.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace KayGraph.Generators;

/// <summary>
/// The KayGraph incremental generator: discovers node and graph classes by attribute, parses them into value-equatable
/// models, and emits lifecycle glue per node and a runner per graph. Diagnostics travel as values and are reported from
/// their own outputs.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KayGraphGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var nodes = Discover(context, SymbolFacts.NodeAttribute, NodeKind.Node, TrackingNames.NodeResults);
        var batchNodes = Discover(context, SymbolFacts.BatchNodeAttribute, NodeKind.BatchNode, TrackingNames.BatchNodeResults);
        var parallelNodes = Discover(context, SymbolFacts.ParallelBatchNodeAttribute, NodeKind.ParallelBatchNode, TrackingNames.ParallelBatchNodeResults);
        var graphs = Discover(context, SymbolFacts.GraphAttribute, NodeKind.Graph, TrackingNames.GraphResults);
        var batchGraphs = Discover(context, SymbolFacts.BatchGraphAttribute, NodeKind.BatchGraph, TrackingNames.BatchGraphResults);
        var parallelGraphs = Discover(context, SymbolFacts.ParallelBatchGraphAttribute, NodeKind.ParallelBatchGraph, TrackingNames.ParallelBatchGraphResults);

        var all = nodes.Collect()
            .Combine(batchNodes.Collect())
            .Combine(parallelNodes.Collect())
            .Combine(graphs.Collect())
            .Combine(batchGraphs.Collect())
            .Combine(parallelGraphs.Collect())
            .Select(static (x, _) => x.Left.Left.Left.Left.Left
                .AddRange(x.Left.Left.Left.Left.Right)
                .AddRange(x.Left.Left.Left.Right)
                .AddRange(x.Left.Left.Right)
                .AddRange(x.Left.Right)
                .AddRange(x.Right)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.AllResults);

        // Declaration diagnostics are reported by DeclarationAnalyzer on real source locations; the generator reports only its
        // own failures (KG0099).
        var failures = all
            .Select(static (results, _) => results.SelectMany(r => r.Diagnostics).Where(d => d.Id == DiagnosticIds.InternalError).Distinct().ToEquatableArray())
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(failures, static (spc, items) =>
        {
            foreach (var item in items)
            {
                spc.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        // Location-free models: unchanged by edits that only move code, so emission stays cached.
        var models = all
            .Select(static (results, _) => results.Where(r => r.Model is not null).Select(r => r.Model!)
                .GroupBy(m => m.FullName, StringComparer.Ordinal) // a class whose parts repeat the attribute is discovered once per part
                .Select(g => g.First())
                .OrderBy(m => m.FullName, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.AllModels);

        // One output per node.
        var nodeModels = models.SelectMany(static (items, _) => items.Where(m => !m.IsGraph)).WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(nodeModels, static (spc, model) =>
        {
            if (NodeEmitter.Emit(model) is { } source)
            {
                spc.AddSource(model.HintName, source);
            }
        });

        // One bound graph per graph: equal to the previous one unless something the graph reaches changed, so an edit to
        // one node re-emits only the graphs that reach it.
        var boundGraphs = models
            .SelectMany(static (items, _) =>
            {
                var byName = items.ToDictionary(m => m.FullName, StringComparer.Ordinal);
                return items.Where(m => m.IsGraph).Select(g => GraphBinder.Bind(g, byName));
            })
            .WithTrackingName(TrackingNames.BoundGraphs);
        context.RegisterSourceOutput(boundGraphs, static (spc, graph) =>
        {
            if (GraphEmitter.Emit(graph) is { } source)
            {
                spc.AddSource(graph.Graph.HintName, source);
            }
        });
    }

    private static IncrementalValuesProvider<ParseResult> Discover(IncrementalGeneratorInitializationContext context, string attribute, NodeKind kind, string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => PartialDeclarations.IsClassOrRecordClass(node),
                (ctx, ct) => NodeParser.Parse(ctx, kind, ct))
            .WithTrackingName(trackingName);

}
