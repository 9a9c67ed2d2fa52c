using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>Semantic checks on a <see cref="FunctionScope"/>: is it inside a phase of a node class, and is it analyzed.</summary>
internal static class NodeScope
{
    /// <summary>Whether <paramref name="scope"/> lies in a phase method of a node class (or in a lambda / local function inside one).</summary>
    public static bool IsInNodePhase(in FunctionScope scope, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
    {
        if (!scope.HasPhaseName || known.NodeAttribute is null)
        {
            return false;
        }

        return model.GetDeclaredSymbol(scope.Method!, cancellationToken) is IMethodSymbol { IsStatic: false } method && known.IsNode(method.ContainingType);
    }

    /// <summary>Whether <paramref name="owner"/> (the owner of an operation block) is a phase method of a node class.</summary>
    public static bool IsNodePhase(ISymbol owner, KnownSymbols known) =>
        owner is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method
        && PhaseNames.IsPhase(method.Name)
        && known.IsNode(method.ContainingType);

    /// <summary>Whether <paramref name="node"/> is inside a class that is a node (any member).</summary>
    public static bool IsInNodeClass(SyntaxNode node, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
    {
        if (known.NodeAttribute is null)
        {
            return false;
        }

        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (current is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax type)
            {
                return known.IsNode(model.GetDeclaredSymbol(type, cancellationToken) as INamedTypeSymbol);
            }
        }

        return false;
    }

    /// <summary>
    /// Whether KG1001..KG1005 apply to async code in <paramref name="scope"/>: the nearest function is async and it lies in a
    /// node phase, or <c>kaygraph.analyze_all_async_methods</c> is on.
    /// </summary>
    public static bool IsAnalyzedAsyncContext(in FunctionScope scope, SyntaxNodeAnalysisContext context, KnownSymbols known) =>
        scope.IsAsync
        && (IsInNodePhase(scope, context.SemanticModel, known, context.CancellationToken) || AnalyzesAllAsyncMethods(context.Options, context.Node.SyntaxTree));

    /// <summary>Whether <c>kaygraph.analyze_all_async_methods = true</c> is set for the tree of an operation block.</summary>
    public static bool AnalyzesAllAsyncMethods(AnalyzerOptions options, System.Collections.Immutable.ImmutableArray<IOperation> operationBlocks) =>
        !operationBlocks.IsEmpty && AnalyzesAllAsyncMethods(options, operationBlocks[0].Syntax.SyntaxTree);

    /// <summary>Whether <c>kaygraph.analyze_all_async_methods = true</c> is set for <paramref name="tree"/>.</summary>
    public static bool AnalyzesAllAsyncMethods(AnalyzerOptions options, SyntaxTree tree) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(AnalyzerOptionNames.AnalyzeAllAsyncMethods, out string? value)
        && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
