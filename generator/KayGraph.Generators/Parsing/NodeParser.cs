using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.Generators.Parsing;

/// <summary>Turns an attributed class into a <see cref="NodeModel"/> and its declaration diagnostics.</summary>
internal sealed class NodeParser
{
    public const string UnitType = "global::KayGraph.Unit";

    private readonly ParseContext _context;

    private NodeParser(ParseContext context)
    {
        _context = context;
    }

    /// <summary>Parses the class the generator found by one of its attributes.</summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, NodeKind kind, CancellationToken cancellationToken) =>
        Parse((INamedTypeSymbol)context.TargetSymbol, (TypeDeclarationSyntax)context.TargetNode, context.Attributes[0], kind, context.SemanticModel.Compilation, cancellationToken);

    /// <summary>
    /// Parses one class declaration carrying <paramref name="attribute"/>: the one model of a node or graph that the generator
    /// emits from and the declaration analyzer reports from. Never throws (an unexpected failure becomes <c>KG0099</c>).
    /// </summary>
    public static ParseResult Parse(INamedTypeSymbol type, TypeDeclarationSyntax syntax, AttributeData attribute, NodeKind kind, Compilation compilation, CancellationToken cancellationToken)
    {
        var context = new ParseContext(type, syntax, attribute, kind, compilation);
        try
        {
            return new NodeParser(context).Run(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var diagnostic = DiagnosticInfo.Create(Descriptors.InternalError, context.Identifier, type.Name, error.GetType().Name + ": " + error.Message);
            return new ParseResult(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }), null);
        }
    }

    private ParseResult Run(CancellationToken cancellationToken)
    {
        var type = _context.Type;
        if (_context.Syntax.Identifier.IsMissing || type.Name.Length == 0 || HasUnnamedNamespace(type))
        {
            // A class (or a namespace around it) whose name is still being typed: the compiler reports it; there is nothing
            // to name generated code after.
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty, null);
        }

        var identifier = _context.Identifier;
        AttributeData? firstKind = null;
        var kinds = 0;
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolFacts.IsKindAttribute(attribute.AttributeClass))
            {
                firstKind ??= attribute;
                kinds++;
            }
        }

        if (kinds > 1)
        {
            // Every kind's pipeline sees the class; only the first attribute's reports, so the error appears once.
            if (SymbolEqualityComparer.Default.Equals(firstKind!.AttributeClass, _context.Attribute.AttributeClass))
            {
                _context.ReportSignature(identifier, null, "carries more than one of [Node], [BatchNode], [ParallelBatchNode], [Graph], [BatchGraph] and [ParallelBatchGraph]; keep one");
            }

            return new ParseResult(null, _context.Diagnostics.ToEquatableArray(), null);
        }

        // A class that is not partial (or sits in one that is not) cannot be extended: nothing is generated into it, and a
        // graph that reaches it cannot run. KG0001 is reported by the companion analyzer, on real source locations, so that
        // it can be suppressed and fixed (add 'partial'); its other declaration errors still are.
        var extensible = !PartialDeclarations.MissingPartial(_context.Syntax).Any();
        if (!extensible)
        {
            _context.MarkUnemittable();
        }

        if (type.IsStatic)
        {
            _context.ReportSignature(identifier, null, "is static; KayGraph nodes and graphs are instances that implement the runtime's interfaces");
        }

        if (type.IsGenericType)
        {
            _context.ReportSignature(identifier, null, "is generic; KayGraph nodes and graphs cannot have type parameters");
        }

        var containing = new List<ContainingType>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingType(PartialKeyword(outer), outer.Name));
        }

        var (maxRetries, wait, maxConcurrency, resilience) = SettingsReader.Read(_context);
        var (edges, members) = ActionReader.Read(_context, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        NodePhases phases;
        string? start = null;
        var (durable, json) = _context.IsGraph ? GraphReader.ReadDurability(_context) : (false, null);
        if (_context.IsGraph)
        {
            var graphPhases = new List<PhaseModel>();
            (start, var shared) = GraphReader.Read(_context, graphPhases);
            phases = new NodePhases(graphPhases, shared, null, UnitType, UnitType, null, false);
        }
        else
        {
            phases = NodePhaseReader.Read(_context, members.Count);
        }

        var fullName = type.ToDisplayString(Naming.TypeFormat);
        var ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
        var hasParameterless = HasParameterlessConstructor(type);
        var model = new NodeModel(
            _context.Kind,
            type.Name,
            PartialKeyword(type),
            fullName,
            ns,
            containing.ToEquatableArray(),
            Naming.HintName(fullName),
            phases.SharedType,
            phases.PrepType,
            phases.ExecType,
            phases.ItemType,
            phases.ItemsAreAsync,
            maxRetries,
            wait,
            maxConcurrency,
            hasParameterless,
            IsDisposable(type),
            start,
            phases.Phases.ToEquatableArray(),
            edges.ToEquatableArray(),
            members.ToEquatableArray(),
            _context.HasErrors,
            extensible,
            phases.Interrupt,
            durable,
            json,
            resilience);
        var site = new NodeSite(fullName, identifier, phases.SharedParameter, phases.InterruptParameter);
        return new ParseResult(model, _context.Diagnostics.ToEquatableArray(), site);
    }

    /// <summary>The keyword a partial declaration of the type (or of a containing type) must repeat (all parts agree on it).</summary>
    private static string PartialKeyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static bool HasUnnamedNamespace(INamedTypeSymbol type)
    {
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name.Length == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the class already takes part in disposal: it implements <c>IDisposable</c> or <c>IAsyncDisposable</c>, or
    /// declares a <c>Dispose</c>/<c>DisposeAsync</c> of its own (then a graph leaves disposal to it).
    /// </summary>
    private static bool IsDisposable(INamedTypeSymbol type)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true } && implemented.Name is "IDisposable" or "IAsyncDisposable")
            {
                return true;
            }
        }

        return HasMethod(type, "Dispose") || HasMethod(type, "DisposeAsync");
    }

    private static bool HasMethod(INamedTypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a graph can create the class itself: a public or internal constructor without parameters (the instance
    /// constructors are the members named <c>.ctor</c>; read without the array <c>InstanceConstructors</c> builds per call).
    /// </summary>
    private static bool HasParameterlessConstructor(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers(WellKnownMemberNames.InstanceConstructorName))
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false, Parameters.Length: 0, DeclaredAccessibility: Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal })
            {
                return true;
            }
        }

        return false;
    }
}
