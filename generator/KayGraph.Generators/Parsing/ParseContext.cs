using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.Generators.Parsing;

/// <summary>
/// What the readers of one class share: the class, its attribute, the compilation, and the diagnostics found so far. A
/// reported error marks the class as having errors (it then gets no runnable glue); everything else a reader finds it
/// returns explicitly.
/// </summary>
internal sealed class ParseContext
{
    private readonly List<DiagnosticInfo> _diagnostics = new();

    public ParseContext(INamedTypeSymbol type, TypeDeclarationSyntax syntax, AttributeData attribute, NodeKind kind, Compilation compilation)
    {
        Type = type;
        Syntax = syntax;
        Attribute = attribute;
        Kind = kind;
        Compilation = compilation;
    }

    public INamedTypeSymbol Type { get; }

    public TypeDeclarationSyntax Syntax { get; }

    public AttributeData Attribute { get; }

    public NodeKind Kind { get; }

    public Compilation Compilation { get; }

    /// <summary>Whether an error was reported, or the class cannot be emitted for a reason the compiler reports itself.</summary>
    public bool HasErrors { get; private set; }

    public bool IsGraph => Kind is NodeKind.Graph or NodeKind.BatchGraph or NodeKind.ParallelBatchGraph;

    public bool IsBatch => Kind is NodeKind.BatchNode or NodeKind.ParallelBatchNode;

    public IReadOnlyList<DiagnosticInfo> Diagnostics => _diagnostics;

    public LocationInfo? Identifier => LocationInfo.From(Syntax.Identifier.GetLocation());

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] arguments)
    {
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }
    }

    /// <summary>KG0013 on the class (<paramref name="member"/> null) or on one of its phase methods.</summary>
    public void ReportSignature(LocationInfo? location, string? member, string problem) =>
        Report(Descriptors.InvalidPhaseSignature, location, Type.Name, member is null ? string.Empty : "." + member, problem);

    /// <summary>The class cannot be emitted for a reason already reported elsewhere (by the compiler, or by KG0001).</summary>
    public void MarkUnemittable() => HasErrors = true;

    public static LocationInfo? MethodLocation(IMethodSymbol method) => LocationInfo.From(method.Locations.FirstOrDefault());

    /// <summary>
    /// Whether two phase values are the same type to C#: equal symbols, or an identity conversion between them (tuples
    /// that differ only in element names, <c>object</c> and <c>dynamic</c>). Both absent is the same too.
    /// </summary>
    public bool SameValue(ITypeSymbol? left, ITypeSymbol? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return SymbolEqualityComparer.Default.Equals(left, right) || Compilation.ClassifyConversion(left, right).IsIdentity;
    }

    /// <summary>Whether a parameter of type <paramref name="destination"/> accepts a value of <paramref name="source"/> without boxing.</summary>
    public bool Accepts(ITypeSymbol destination, ITypeSymbol source)
    {
        if (destination.TypeKind == TypeKind.Error || source.TypeKind == TypeKind.Error)
        {
            return true; // the compiler reports the unresolved type
        }

        var conversion = Compilation.ClassifyConversion(source, destination);
        return conversion.Exists && conversion.IsImplicit && !conversion.IsBoxing;
    }

    /// <summary>
    /// Finds the sync or async method of a phase. Declaring both (KG0002) or a method that cannot be a phase (overloaded,
    /// static, generic, by-reference parameters: KG0013) is reported and gives a rejected lookup, so checks that depend on
    /// the phase's result are skipped instead of cascading.
    /// </summary>
    public PhaseLookup FindPhase(string syncName)
    {
        var asyncName = PhaseNames.ToAsync(syncName);
        var (sync, syncRejected) = Single(syncName);
        var (async, asyncRejected) = Single(asyncName);
        if (sync is not null && async is not null)
        {
            Report(Descriptors.PhaseSyncAndAsync, MethodLocation(async), Type.Name, syncName, asyncName);
            return PhaseLookup.Rejected;
        }

        if (sync is not null)
        {
            return new PhaseLookup(sync, IsAsync: false, IsRejected: false);
        }

        if (async is not null)
        {
            return new PhaseLookup(async, IsAsync: true, IsRejected: false);
        }

        return syncRejected || asyncRejected ? PhaseLookup.Rejected : PhaseLookup.Missing;
    }

    private (IMethodSymbol? Method, bool Rejected) Single(string name)
    {
        // Called ten times per class (five phases, sync and async) on every compilation change: a loop over the members,
        // no LINQ or list per call.
        IMethodSymbol? method = null;
        foreach (var member in Type.GetMembers(name))
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } candidate)
            {
                if (method is not null)
                {
                    ReportSignature(MethodLocation(candidate), name, "is overloaded; declare each phase once");
                    return (null, true);
                }

                method = candidate;
            }
        }

        if (method is null)
        {
            return (null, false);
        }

        var problem = method switch
        {
            { IsStatic: true } => "is static; phases are instance methods",
            { IsGenericMethod: true } => "is generic; phases cannot have type parameters",
            _ when HasByReferenceParameter(method) => "has a ref, out or in parameter; phases take their inputs by value",
            _ => null,
        };
        if (problem is not null)
        {
            ReportSignature(MethodLocation(method), name, problem);
            return (null, true);
        }

        return (method, false);
    }

    private static bool HasByReferenceParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The outcome of looking a phase up: found (sync or async), missing, or declared but rejected (already reported).</summary>
internal readonly record struct PhaseLookup(IMethodSymbol? Method, bool IsAsync, bool IsRejected)
{
    public static PhaseLookup Missing => default;

    public static PhaseLookup Rejected => new(null, false, true);

    public bool IsFound => Method is not null;
}

/// <summary>The outcome of reading one phase: its model and unwrapped result when valid, or rejected (reported).</summary>
internal readonly record struct PhaseOutcome(PhaseModel? Phase, ITypeSymbol? Value, bool IsRejected)
{
    public static PhaseOutcome Missing => default;

    public static PhaseOutcome Rejected => new(null, null, true);

    /// <summary>Whether checks that depend on this phase's result can run (it is valid, or absent).</summary>
    public bool IsKnown => !IsRejected;
}

/// <summary>A phase's parameters split into the positional ones (their count) and the trailing ambient ones.</summary>
internal readonly record struct AmbientSplit(int Count, ImmutableArray<ArgumentKind> Ambient);
