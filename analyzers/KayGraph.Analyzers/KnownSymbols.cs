using Microsoft.CodeAnalysis;

namespace KayGraph.Analyzers;

/// <summary>The framework and KayGraph symbols the analyzers compare against, resolved once per compilation.</summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation)
    {
        NodeAttribute = compilation.GetTypeByMetadataName("KayGraph.NodeAttribute");
        BatchNodeAttribute = compilation.GetTypeByMetadataName("KayGraph.BatchNodeAttribute");
        ParallelBatchNodeAttribute = compilation.GetTypeByMetadataName("KayGraph.ParallelBatchNodeAttribute");
        GraphAttribute = compilation.GetTypeByMetadataName("KayGraph.GraphAttribute");
        BatchGraphAttribute = compilation.GetTypeByMetadataName("KayGraph.BatchGraphAttribute");
        ParallelBatchGraphAttribute = compilation.GetTypeByMetadataName("KayGraph.ParallelBatchGraphAttribute");
        NextAttribute = compilation.GetTypeByMetadataName("KayGraph.NextAttribute");
        GenericNextAttribute = compilation.GetTypeByMetadataName("KayGraph.NextAttribute`1");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        GenericTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        GenericValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        ObsoleteAttribute = compilation.GetTypeByMetadataName("System.ObsoleteAttribute");
    }

    /// <summary><c>KayGraph.NodeAttribute</c>, or <see langword="null"/> when KayGraph is not referenced.</summary>
    public INamedTypeSymbol? NodeAttribute { get; }

    /// <summary><c>KayGraph.BatchNodeAttribute</c>.</summary>
    public INamedTypeSymbol? BatchNodeAttribute { get; }

    /// <summary><c>KayGraph.ParallelBatchNodeAttribute</c>.</summary>
    public INamedTypeSymbol? ParallelBatchNodeAttribute { get; }

    /// <summary><c>KayGraph.GraphAttribute</c>.</summary>
    public INamedTypeSymbol? GraphAttribute { get; }

    /// <summary><c>KayGraph.BatchGraphAttribute</c>.</summary>
    public INamedTypeSymbol? BatchGraphAttribute { get; }

    /// <summary><c>KayGraph.ParallelBatchGraphAttribute</c>.</summary>
    public INamedTypeSymbol? ParallelBatchGraphAttribute { get; }

    /// <summary><c>KayGraph.NextAttribute</c>.</summary>
    public INamedTypeSymbol? NextAttribute { get; }

    /// <summary><c>KayGraph.NextAttribute&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol? GenericNextAttribute { get; }

    /// <summary><c>System.Threading.Thread</c>.</summary>
    public INamedTypeSymbol? Thread { get; }

    /// <summary><c>System.Threading.CancellationToken</c>.</summary>
    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary><c>System.TimeSpan</c>.</summary>
    public INamedTypeSymbol? TimeSpan { get; }

    /// <summary><c>System.Threading.Tasks.Task</c>.</summary>
    public INamedTypeSymbol? Task { get; }

    /// <summary><c>System.Threading.Tasks.Task&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol? GenericTask { get; }

    /// <summary><c>System.Threading.Tasks.ValueTask</c>.</summary>
    public INamedTypeSymbol? ValueTask { get; }

    /// <summary><c>System.Threading.Tasks.ValueTask&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol? GenericValueTask { get; }

    /// <summary><c>System.ObsoleteAttribute</c>.</summary>
    public INamedTypeSymbol? ObsoleteAttribute { get; }

    /// <summary>Resolves the symbols of <paramref name="compilation"/>.</summary>
    public static KnownSymbols From(Compilation compilation) => new(compilation);

    /// <summary>Whether <paramref name="type"/> is a node class: it carries <c>[Node]</c>, <c>[BatchNode]</c> or <c>[ParallelBatchNode]</c>.</summary>
    public bool IsNode(INamedTypeSymbol? type) => NodeAttribute is not null && SymbolFacts.IsNode(type);

    /// <summary>Whether <paramref name="type"/> is <c>Task</c> or <c>Task&lt;T&gt;</c> (or derives from <c>Task</c>).</summary>
    public bool IsTask(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, Task) || SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, GenericTask))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    public bool IsValueTask(ITypeSymbol? type) =>
        type is not null
        && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, ValueTask) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, GenericValueTask));

    /// <summary>Whether <paramref name="type"/> is one of the four task types.</summary>
    public bool IsTaskLike(ITypeSymbol? type) => IsTask(type) || IsValueTask(type);

    /// <summary>Whether <paramref name="type"/> is <c>CancellationToken</c>.</summary>
    public bool IsCancellationToken(ITypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type, CancellationToken);

    /// <summary>Whether <paramref name="symbol"/> carries <c>[Obsolete]</c>.</summary>
    public bool IsObsolete(ISymbol symbol)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ObsoleteAttribute))
            {
                return true;
            }
        }

        return false;
    }
}
