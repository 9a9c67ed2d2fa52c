using System.Linq;
using KayGraph.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KayGraph.Generators.Parsing;

/// <summary>Recognizes KayGraph attributes and well-known types on symbols.</summary>
internal static class SymbolFacts
{
    public const string NodeAttribute = "KayGraph.NodeAttribute";
    public const string BatchNodeAttribute = "KayGraph.BatchNodeAttribute";
    public const string ParallelBatchNodeAttribute = "KayGraph.ParallelBatchNodeAttribute";
    public const string GraphAttribute = "KayGraph.GraphAttribute";
    public const string BatchGraphAttribute = "KayGraph.BatchGraphAttribute";
    public const string ParallelBatchGraphAttribute = "KayGraph.ParallelBatchGraphAttribute";

    public static bool IsKayGraphNamespace(INamespaceSymbol? ns) =>
        ns is { Name: "KayGraph", ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>Whether the type carries a node or graph attribute.</summary>
    public static bool IsNodeOrGraph(ITypeSymbol? type) => type is not null && type.GetAttributes().Any(a => IsKindAttribute(a.AttributeClass));

    /// <summary>Whether <paramref name="attribute"/> is one of the six attributes that make a class a node or a graph.</summary>
    public static bool IsKindAttribute(INamedTypeSymbol? attribute) =>
        attribute is { } c && IsKayGraphNamespace(c.ContainingNamespace) &&
        c.Name is "NodeAttribute" or "BatchNodeAttribute" or "ParallelBatchNodeAttribute" or "GraphAttribute" or "BatchGraphAttribute" or "ParallelBatchGraphAttribute";

    /// <summary>Whether <paramref name="attribute"/> is <c>[RetryOn&lt;TException&gt;]</c> or <c>[RetryOn(typeof(TException))]</c>.</summary>
    public static bool IsRetryOnAttribute(INamedTypeSymbol? attribute) =>
        attribute is { Name: "RetryOnAttribute" } && IsKayGraphNamespace(attribute.ContainingNamespace);

    /// <summary>Whether <paramref name="type"/> is <c>System.Exception</c> or derives from it.</summary>
    public static bool IsExceptionType(ITypeSymbol type) => DerivesFrom(type, "Exception");

    /// <summary>Whether <paramref name="type"/> is <c>System.OperationCanceledException</c> or derives from it (cancellation).</summary>
    public static bool IsCancellation(ITypeSymbol type) => DerivesFrom(type, "OperationCanceledException");

    private static bool DerivesFrom(ITypeSymbol type, string systemName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == systemName && current.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsNextAttribute(INamedTypeSymbol? attribute) =>
        attribute is { Name: "NextAttribute" } && IsKayGraphNamespace(attribute.ContainingNamespace);

    public static bool IsEndAttribute(INamedTypeSymbol? attribute) =>
        attribute is { Name: "EndAttribute", IsGenericType: false } && IsKayGraphNamespace(attribute.ContainingNamespace);

    /// <summary>Whether <paramref name="type"/> carries <c>[Node]</c>, <c>[BatchNode]</c> or <c>[ParallelBatchNode]</c>.</summary>
    public static bool IsNode(ITypeSymbol? type) =>
        type is not null && type.GetAttributes().Any(a => IsKindAttribute(a.AttributeClass) && a.AttributeClass!.Name is "NodeAttribute" or "BatchNodeAttribute" or "ParallelBatchNodeAttribute");

    /// <summary>Whether <paramref name="type"/> carries <c>[Graph]</c>, <c>[BatchGraph]</c> or <c>[ParallelBatchGraph]</c>.</summary>
    public static bool IsGraph(ITypeSymbol? type) =>
        type is not null && type.GetAttributes().Any(a => IsKindAttribute(a.AttributeClass) && a.AttributeClass!.Name is "GraphAttribute" or "BatchGraphAttribute" or "ParallelBatchGraphAttribute");

    /// <summary>The kind that the attribute <paramref name="attribute"/> makes a class, or <see langword="null"/>.</summary>
    public static NodeKind? KindOf(INamedTypeSymbol? attribute) => IsKindAttribute(attribute)
        ? attribute!.Name switch
        {
            "NodeAttribute" => NodeKind.Node,
            "BatchNodeAttribute" => NodeKind.BatchNode,
            "ParallelBatchNodeAttribute" => NodeKind.ParallelBatchNode,
            "GraphAttribute" => NodeKind.Graph,
            "BatchGraphAttribute" => NodeKind.BatchGraph,
            _ => NodeKind.ParallelBatchGraph,
        }
        : null;

    /// <summary>Whether <paramref name="type"/> is, or is built from, a type the compiler could not resolve.</summary>
    public static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        INamedTypeSymbol { IsGenericType: true } named => named.TypeArguments.Any(ContainsErrorType),
        _ => false,
    };

    public static bool IsNodeContext(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "NodeContext", ContainingNamespace: { Name: "KayGraph", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>
    /// The argument a trailing "ambient" phase parameter receives: the run's <c>CancellationToken</c> or its
    /// <c>NodeContext</c>; <see langword="null"/> for any other type.
    /// </summary>
    public static ArgumentKind? AmbientKind(ITypeSymbol type) =>
        IsCancellationToken(type) ? ArgumentKind.CancellationToken : IsNodeContext(type) ? ArgumentKind.Context : IsInterrupt(type) ? ArgumentKind.Interrupt : null;

    /// <summary>Whether <paramref name="type"/> is <c>KayGraph.Interrupt&lt;TRequest, TResponse&gt;</c>.</summary>
    public static bool IsInterrupt(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Interrupt", Arity: 2 } named && IsKayGraphNamespace(named.ContainingNamespace);

    /// <summary>The name <c>System.Type.FullName</c> gives a non-generic type: namespace, then containing types joined with '+'.</summary>
    public static string RuntimeFullName(ITypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    public static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    public static bool IsException(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Exception", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    public static bool IsTasksType(ITypeSymbol type, string name, int arity) =>
        type is INamedTypeSymbol named && named.Name == name && named.Arity == arity &&
        named.ContainingNamespace is { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>The T of IEnumerable&lt;T&gt; or IAsyncEnumerable&lt;T&gt; that <paramref name="type"/> is or implements.</summary>
    public static (ITypeSymbol? Item, bool IsAsync) FindItemType(ITypeSymbol type)
    {
        foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
        {
            if (candidate is INamedTypeSymbol { Arity: 1 } named &&
                named.ContainingNamespace is { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                if (named.Name == "IAsyncEnumerable")
                {
                    return (named.TypeArguments[0], true);
                }

                if (named.Name == "IEnumerable")
                {
                    return (named.TypeArguments[0], false);
                }
            }
        }

        return (null, false);
    }
}
