using System.Collections.Generic;
using KayGraph.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace KayGraph.Benchmarks.CompileTime;

/// <summary>
/// The floor of the generator benchmark (measured, never shipped): an incremental generator that does only what KayGraph's
/// generator starts with — one <c>ForAttributeWithMetadataName</c> per attribute the real generator discovers classes by
/// (the same six metadata names, the same syntax predicate) — with a transform that returns the class's name and nothing
/// else, and an output that does nothing with it (without an output Roslyn would not run the pipeline). What it costs is
/// what Roslyn charges any attribute-driven semantic generator on this project: finding the attributed classes, and on
/// every new compilation binding each one's declared symbol and attributes again before any transform runs.
/// </summary>
internal sealed class AttributeFloorGenerator : IIncrementalGenerator
{
    /// <summary>The tracking name of the transform's step for <c>[Node]</c>.</summary>
    public const string NodeStep = "Floor.Node";

    /// <summary>The attribute metadata names, as the real generator's <c>Discover</c> calls use them, and the step names.</summary>
    public static readonly IReadOnlyList<(string Attribute, string Step)> Pipelines =
    [
        (SymbolFacts.NodeAttribute, NodeStep),
        (SymbolFacts.BatchNodeAttribute, "Floor.BatchNode"),
        (SymbolFacts.ParallelBatchNodeAttribute, "Floor.ParallelBatchNode"),
        (SymbolFacts.GraphAttribute, "Floor.Graph"),
        (SymbolFacts.BatchGraphAttribute, "Floor.BatchGraph"),
        (SymbolFacts.ParallelBatchGraphAttribute, "Floor.ParallelBatchGraph"),
    ];

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (var (attribute, step) in Pipelines)
        {
            var names = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    attribute,
                    static (node, _) => PartialDeclarations.IsClassOrRecordClass(node),
                    static (ctx, _) => ctx.TargetSymbol.Name)
                .WithTrackingName(step);
            context.RegisterSourceOutput(names, static (_, _) => { });
        }
    }
}
