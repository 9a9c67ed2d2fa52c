using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KayGraph.Generators.Diagnostics;

/// <summary>The generator's diagnostic descriptors, each with a help page under docs/diagnostics.</summary>
internal static class Descriptors
{
    private const string Category = "KayGraph.Declaration";

    public static readonly DiagnosticDescriptor PhaseSyncAndAsync = Error(
        DiagnosticIds.PhaseSyncAndAsync,
        "Phase declared both sync and async",
        "Node '{0}' declares both '{1}' and '{2}'; keep one of them");

    public static readonly DiagnosticDescriptor AsyncPhaseNotAwaitable = Error(
        DiagnosticIds.AsyncPhaseNotAwaitable,
        "Async phase does not return an awaitable",
        "'{0}.{1}' returns '{2}'; an async phase returns Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor ExecParameterMismatch = Error(
        DiagnosticIds.ExecParameterMismatch,
        "Exec does not accept prep's result",
        "'{0}.{1}' takes '{2}', which does not accept prep's result '{3}'");

    public static readonly DiagnosticDescriptor PostParameterMismatch = Error(
        DiagnosticIds.PostParameterMismatch,
        "Post parameters do not match",
        "Parameter '{2}' of '{0}.{1}' has type '{3}', which does not accept {4} '{5}'");

    public static readonly DiagnosticDescriptor NextTargetNotNode = Error(
        DiagnosticIds.NextTargetNotNode,
        "[Next] target is not a node or graph",
        "[Next] on '{0}' targets '{1}', which has no [Node], [BatchNode], [ParallelBatchNode] or graph attribute");

    public static readonly DiagnosticDescriptor DuplicateAction = Error(
        DiagnosticIds.DuplicateAction,
        "Action declared twice",
        "'{0}' declares action '{1}' more than once (targets '{2}' and '{3}')");

    public static readonly DiagnosticDescriptor GraphStartInvalid = Error(
        DiagnosticIds.GraphStartInvalid,
        "Graph start is missing or not a node",
        "Graph '{0}' starts at '{1}', which is not a node or graph");

    public static readonly DiagnosticDescriptor IncompatibleSharedTypes = Error(
        DiagnosticIds.IncompatibleSharedTypes,
        "Nodes of a graph need incompatible shared types",
        "Node '{2}' needs shared type '{3}', but graph '{0}' uses '{1}'; make its phases take '{1}', or run it in a graph of its own",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor InvalidActionName = Error(
        DiagnosticIds.InvalidActionName,
        "Invalid action name",
        "Action '{1}' on '{0}' {2}");

    public static readonly DiagnosticDescriptor InvalidAttributeArgument = Error(
        DiagnosticIds.InvalidAttributeArgument,
        "Invalid attribute argument",
        "{0} = {1} on '{2}' is invalid: {3}");

    public static readonly DiagnosticDescriptor CycleWithoutExit = new(
        DiagnosticIds.CycleWithoutExit,
        "Cycle with no exit",
        "Graph '{0}' contains a cycle ({1}) that no action leaves and that no node can end: the graph can never finish",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.CycleWithoutExit),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidPhaseSignature = Error(
        DiagnosticIds.InvalidPhaseSignature,
        "Invalid phase signature",
        "'{0}{1}' {2}");

    public static readonly DiagnosticDescriptor SharedTypeUnknown = Error(
        DiagnosticIds.SharedTypeUnknown,
        "Shared type cannot be inferred",
        "Graph '{0}' cannot infer its shared type: no node declares a Prep, Post or OnError taking it; set Shared = typeof(...)",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor InterruptOutsideDurableRun = Error(
        DiagnosticIds.InterruptOutsideDurableRun,
        "Interrupt outside a durable run",
        "Node '{0}' asks for input with '{1}', but no durable graph runs it (graph '{2}' is not durable); declare [Graph(..., Durable = true)] and start it with StartAsync",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor DurableStateNotRestorable = Error(
        DiagnosticIds.DurableStateNotRestorable,
        "Durable state that a checkpoint loses",
        "'{0}' {1}; durable graph '{2}' checkpoints it",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor JsonContextMissingType = Error(
        DiagnosticIds.JsonContextMissingType,
        "Json context does not cover a type the durable run saves",
        "Json context '{0}' of durable graph '{1}' does not cover '{2}' ({3}); add [JsonSerializable(typeof({2}))] to it",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor InternalError = new(
        DiagnosticIds.InternalError,
        "KayGraph generator internal error",
        "The KayGraph generator failed on '{0}': {1}. Please report this with the declaration that caused it.",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.InternalError));

    /// <summary>The declaration diagnostics, reported by <see cref="Analysis.DeclarationAnalyzer"/>.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> Declarations { get; } = new[]
    {
        PhaseSyncAndAsync, AsyncPhaseNotAwaitable, ExecParameterMismatch, PostParameterMismatch,
        NextTargetNotNode, DuplicateAction, GraphStartInvalid, IncompatibleSharedTypes, InvalidActionName,
        InvalidAttributeArgument, CycleWithoutExit, InvalidPhaseSignature, SharedTypeUnknown, InterruptOutsideDurableRun,
        DurableStateNotRestorable, JsonContextMissingType,
    };

    /// <summary>Every descriptor of this assembly: the declaration diagnostics and the generator's own KG0099.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = Declarations.Concat(new[] { InternalError }).ToArray();

    private static readonly Dictionary<string, DiagnosticDescriptor> ByIdMap = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => ByIdMap[id];

    private static DiagnosticDescriptor Error(string id, string title, string message, bool compilationEnd = false) => new(
        id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(id),
        customTags: compilationEnd ? new[] { WellKnownDiagnosticTags.CompilationEnd } : Array.Empty<string>());
}
