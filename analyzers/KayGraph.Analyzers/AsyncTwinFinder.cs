using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>
/// Finds the awaitable twin of a synchronous method: a method <c>MAsync</c> on the same type (or a base type) with the same
/// static-ness and generic arity, accessible at the call, not obsolete, whose parameters match <c>M</c>'s exactly
/// (optionally plus one trailing <c>CancellationToken</c>) and whose result is <c>M</c>'s result wrapped in a task.
/// </summary>
internal static class AsyncTwinFinder
{
    private const string AsyncSuffix = "Async";

    /// <summary>Types whose awaitable twins behave differently or gain nothing (console output, in-memory streams).</summary>
    private static readonly ImmutableHashSet<string> ExcludedTypes = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "System.Console",
        "System.IO.MemoryStream",
        "System.IO.UnmanagedMemoryStream",
        "System.IO.StringReader",
        "System.IO.StringWriter",
        "System.Text.StringBuilder",
        "System.Threading.Tasks.Task",
        "System.Threading.Tasks.ValueTask");

    /// <summary>Base types whose <c>DisposeAsync</c> only calls <c>Dispose</c>: a twin declared there is not worth a report.</summary>
    private static readonly ImmutableHashSet<string> DisposeForwardingTypes = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "System.IO.Stream",
        "System.IO.TextWriter",
        "System.IO.TextReader");

    /// <summary>Finds the twin of <paramref name="method"/> called on <paramref name="receiverType"/> at <paramref name="position"/>.</summary>
    /// <returns>The twin (preferring the overload that takes a token) and whether it takes one more trailing token, or <see langword="null"/>.</returns>
    public static (IMethodSymbol Twin, bool TakesToken)? Find(
        IMethodSymbol method,
        ITypeSymbol? receiverType,
        ISymbol? enclosingMethod,
        int position,
        SemanticModel model,
        KnownSymbols known,
        AnalyzerOptions options,
        CancellationToken cancellationToken)
    {
        if (method.Name.EndsWith(AsyncSuffix, StringComparison.Ordinal)
            || method.MethodKind != MethodKind.Ordinary
            || known.IsTaskLike(method.ReturnType))
        {
            return null;
        }

        string twinName = method.Name + AsyncSuffix;
        IMethodSymbol? withoutToken = null;
        for (ITypeSymbol? type = receiverType ?? method.ContainingType; type is not null; type = type.BaseType)
        {
            foreach (ISymbol member in type.GetMembers(twinName))
            {
                if (member is IMethodSymbol twin
                    && Matches(method.OriginalDefinition, twin, known, out bool takesToken)
                    && !SymbolEqualityComparer.Default.Equals(twin.OriginalDefinition, enclosingMethod?.OriginalDefinition)
                    && !known.IsObsolete(twin)
                    && model.IsAccessible(position, twin)
                    && !IsDisposeForwarder(method, twin, cancellationToken))
                {
                    if (takesToken)
                    {
                        return IsExcluded(method, receiverType, options, model.SyntaxTree) ? null : (twin, true);
                    }

                    withoutToken ??= twin;
                }
            }

            if (withoutToken is not null)
            {
                return IsExcluded(method, receiverType, options, model.SyntaxTree) ? null : (withoutToken, false);
            }
        }

        return null;
    }

    private static bool IsExcluded(IMethodSymbol method, ITypeSymbol? receiverType, AnalyzerOptions options, SyntaxTree tree)
    {
        string declaringType = method.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));
        string? receiver = receiverType?.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));
        if (ExcludedTypes.Contains(declaringType) || (receiver is not null && ExcludedTypes.Contains(receiver)))
        {
            return true;
        }

        if (!options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(AnalyzerOptionNames.ExcludedSyncApis, out string? configured) || string.IsNullOrWhiteSpace(configured))
        {
            return false;
        }

        foreach (string entry in configured!.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            string name = entry.Trim();
            if (name == declaringType || name == receiver || name == declaringType + "." + method.Name || (receiver is not null && name == receiver + "." + method.Name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(IMethodSymbol method, IMethodSymbol twin, KnownSymbols known, out bool takesToken)
    {
        takesToken = false;
        if (twin.IsStatic != method.IsStatic || twin.Arity != method.Arity || twin.MethodKind != MethodKind.Ordinary)
        {
            return false;
        }

        int count = method.Parameters.Length;
        if (twin.Parameters.Length == count + 1 && known.IsCancellationToken(twin.Parameters[count].Type))
        {
            takesToken = true;
        }
        else if (twin.Parameters.Length != count)
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            IParameterSymbol expected = method.Parameters[i];
            IParameterSymbol actual = twin.Parameters[i];
            if (expected.RefKind != RefKind.None || actual.RefKind != RefKind.None || expected.IsParams != actual.IsParams || !SameType(expected.Type, actual.Type))
            {
                return false;
            }
        }

        return ReturnsWrapped(method.ReturnType, twin.ReturnType, known);
    }

    private static bool ReturnsWrapped(ITypeSymbol syncReturn, ITypeSymbol twinReturn, KnownSymbols known)
    {
        if (syncReturn.SpecialType == SpecialType.System_Void)
        {
            return SymbolEqualityComparer.Default.Equals(twinReturn, known.Task) || SymbolEqualityComparer.Default.Equals(twinReturn, known.ValueTask);
        }

        return twinReturn is INamedTypeSymbol { TypeArguments.Length: 1 } wrapped
            && (SymbolEqualityComparer.Default.Equals(wrapped.OriginalDefinition, known.GenericTask) || SymbolEqualityComparer.Default.Equals(wrapped.OriginalDefinition, known.GenericValueTask))
            && SameType(syncReturn, wrapped.TypeArguments[0]);
    }

    /// <summary>Whether two parameter types are the same, method type parameters compared by position.</summary>
    internal static bool SameType(ITypeSymbol expected, ITypeSymbol actual)
    {
        if (expected is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } left && actual is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } right)
        {
            return left.Ordinal == right.Ordinal;
        }

        return SymbolEqualityComparer.Default.Equals(expected, actual);
    }

    private static bool IsDisposeForwarder(IMethodSymbol method, IMethodSymbol twin, CancellationToken cancellationToken)
    {
        if (method.Name != "Dispose")
        {
            return false;
        }

        if (DisposeForwardingTypes.Contains(twin.ContainingType.ToDisplayString()))
        {
            return true;
        }

        foreach (SyntaxReference reference in twin.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration && OnlyCallsDispose(declaration))
            {
                return true;
            }
        }

        return false;
    }

    private static bool OnlyCallsDispose(MethodDeclarationSyntax declaration)
    {
        IEnumerable<SyntaxNode> parts = declaration.ExpressionBody is { } arrow
            ? [arrow.Expression]
            : declaration.Body?.Statements ?? default(SyntaxList<StatementSyntax>);
        bool callsDispose = false;
        foreach (SyntaxNode part in parts)
        {
            switch (part)
            {
                case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } when IsDisposeCall(call):
                case InvocationExpressionSyntax direct when IsDisposeCall(direct):
                    callsDispose = true;
                    break;
                case ReturnStatementSyntax:
                    break;
                default:
                    return false;
            }
        }

        return callsDispose;
    }

    private static bool IsDisposeCall(InvocationExpressionSyntax call) =>
        call.ArgumentList.Arguments.Count == 0
        && call.Expression switch
        {
            IdentifierNameSyntax { Identifier.ValueText: "Dispose" } => true,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: "Dispose" } => true,
            _ => false,
        };
}
