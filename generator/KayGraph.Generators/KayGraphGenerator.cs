using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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

        // Declaration diagnostics of each class.
        var diagnostics = all
            .Select(static (results, _) => results.SelectMany(r => r.Diagnostics).Distinct().ToEquatableArray())
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, items) =>
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
        context.RegisterSourceOutput(nodeModels, static (spc, model) => spc.AddSource(model.HintName, NodeEmitter.Emit(model)));

        // One output per graph, with the models it needs.
        var graphsWithModels = models
            .SelectMany(static (items, _) => items.Where(m => m.IsGraph).Select(g => new GraphInput(g, items)))
            .WithTrackingName(TrackingNames.GraphsWithModels);
        context.RegisterSourceOutput(graphsWithModels, static (spc, input) =>
        {
            var byName = input.Models.ToDictionary(m => m.FullName, StringComparer.Ordinal);
            var plan = GraphPlan.Create(input.Graph, byName);
            if (plan.CanEmit)
            {
                spc.AddSource(input.Graph.HintName, GraphEmitter.Emit(plan, byName));
            }
        });

        // Graph-level diagnostics need the graph's location: a separate branch that may re-run when code moves.
        var graphSites = all
            .Select(static (results, _) => results.Where(r => r.Site is not null).Select(r => r.Site!).Distinct().ToEquatableArray())
            .WithTrackingName(TrackingNames.GraphSites);
        context.RegisterSourceOutput(graphSites.Combine(models), static (spc, input) =>
        {
            var byName = input.Right.ToDictionary(m => m.FullName, StringComparer.Ordinal);
            foreach (var site in input.Left)
            {
                if (!byName.TryGetValue(site.FullName, out var graph))
                {
                    continue;
                }

                foreach (var (descriptor, arguments) in GraphPlan.Create(graph, byName).Problems)
                {
                    var target = descriptor switch
                    {
                        DiagnosticDescriptorRef.IncompatibleShared => Descriptors.IncompatibleSharedTypes,
                        DiagnosticDescriptorRef.SharedUnknown => Descriptors.SharedTypeUnknown,
                        DiagnosticDescriptorRef.CycleWithoutExit => Descriptors.CycleWithoutExit,
                        DiagnosticDescriptorRef.MissingNode => Descriptors.GraphNodeInvalid,
                        _ => null,
                    };
                    if (target is not null)
                    {
                        spc.ReportDiagnostic(Diagnostic.Create(target, site.Location?.ToLocation() ?? Location.None, arguments));
                    }
                }
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

    /// <summary>A graph and every model, the input of one graph's emission.</summary>
    private sealed record GraphInput(NodeModel Graph, EquatableArray<NodeModel> Models);
}
