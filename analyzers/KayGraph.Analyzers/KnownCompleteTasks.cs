using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace KayGraph.Analyzers;

/// <summary>
/// Decides whether a task is already known to be complete where it is waited on, so that waiting on it does not block:
/// <c>Task.FromResult</c>/<c>Task.CompletedTask</c> (directly or through a local never reassigned), a <c>Task</c> awaited
/// earlier in the same function (directly or through <c>Task.WhenAll</c>; never a <c>ValueTask</c>, which must not be
/// awaited twice), or a wait inside a branch guarded by <c>IsCompleted</c>/<c>IsCompletedSuccessfully</c>.
/// </summary>
internal static class KnownCompleteTasks
{
    /// <summary>Whether <paramref name="task"/> (the task operand of a wait at <paramref name="waitSyntax"/>) is known complete.</summary>
    public static bool IsKnownComplete(IOperation task, SyntaxNode waitSyntax, in FunctionScope scope, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
    {
        task = Unwrap(task);
        if (IsCompletedFactory(task))
        {
            return true;
        }

        ISymbol? symbol = ReferencedSymbol(task);
        if (symbol is null)
        {
            return false;
        }

        if (IsGuardedByIsCompleted(symbol, waitSyntax, scope, model, cancellationToken))
        {
            return true;
        }

        if (symbol is ILocalSymbol local && IsLocalInitializedComplete(local, scope, model, cancellationToken))
        {
            return true;
        }

        return known.IsTask(task.Type) && WasAwaitedBefore(symbol, waitSyntax, scope, model, cancellationToken);
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    private static bool IsCompletedFactory(IOperation operation) => operation switch
    {
        IInvocationOperation { TargetMethod: { IsStatic: true, Name: "FromResult" or "FromException" or "FromCanceled" } method } => IsTaskType(method.ContainingType),
        IPropertyReferenceOperation { Property: { IsStatic: true, Name: "CompletedTask" } property } => IsTaskType(property.ContainingType),
        _ => false,
    };

    private static bool IsTaskType(INamedTypeSymbol type) =>
        type.Name is "Task" or "ValueTask" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    private static ISymbol? ReferencedSymbol(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        _ => null,
    };

    private static bool IsGuardedByIsCompleted(ISymbol symbol, SyntaxNode waitSyntax, in FunctionScope scope, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode child = waitSyntax;
        for (SyntaxNode? current = waitSyntax.Parent; current is not null && !ReferenceEquals(child, scope.Function); child = current, current = current.Parent)
        {
            ExpressionSyntax? condition = current switch
            {
                IfStatementSyntax ifStatement when ReferenceEquals(ifStatement.Statement, child) => ifStatement.Condition,
                ConditionalExpressionSyntax conditional when ReferenceEquals(conditional.WhenTrue, child) => conditional.Condition,
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } logicalAnd when ReferenceEquals(logicalAnd.Right, child) => logicalAnd.Left,
                _ => null,
            };
            if (condition is not null && ChecksCompletion(condition, symbol, model, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ChecksCompletion(ExpressionSyntax condition, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (SyntaxNode node in condition.DescendantNodesAndSelf())
        {
            if (node is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsCompleted" or "IsCompletedSuccessfully" } access
                && !IsNegated(access, condition)
                && RefersTo(access.Expression, symbol, model, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNegated(SyntaxNode node, SyntaxNode root)
    {
        for (SyntaxNode? current = node; current is not null && !ReferenceEquals(current, root.Parent); current = current.Parent)
        {
            if (current.IsKind(SyntaxKind.LogicalNotExpression) || current.IsKind(SyntaxKind.LogicalOrExpression))
            {
                return true;
            }

            if (current is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression })
            {
                return true;
            }
        }

        return false;
    }

    private static bool RefersTo(ExpressionSyntax expression, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        SimpleNameSyntax? name = expression switch
        {
            IdentifierNameSyntax identifier => identifier,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member => member.Name,
            _ => null,
        };
        return name is not null
            && name.Identifier.ValueText == symbol.Name
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol);
    }

    private static bool IsLocalInitializedComplete(ILocalSymbol local, in FunctionScope scope, SemanticModel model, CancellationToken cancellationToken)
    {
        if (local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer }
            || model.GetOperation(initializer, cancellationToken) is not { } initializerOperation
            || !IsCompletedFactory(Unwrap(initializerOperation)))
        {
            return false;
        }

        return !IsAssignedIn(scope.Function, local, model, cancellationToken, int.MinValue, int.MaxValue);
    }

    private static bool WasAwaitedBefore(ISymbol symbol, SyntaxNode waitSyntax, in FunctionScope scope, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode function = scope.Function;
        foreach (SyntaxNode node in function.DescendantNodes(descendIntoChildren: n => ReferenceEquals(n, function) || !IsFunction(n)))
        {
            if (node is not AwaitExpressionSyntax awaitExpression || awaitExpression.Span.End > waitSyntax.SpanStart)
            {
                continue;
            }

            if (AwaitsSymbol(awaitExpression.Expression, symbol, model, cancellationToken)
                && !IsAssignedIn(scope.Function, symbol, model, cancellationToken, awaitExpression.Span.End, waitSyntax.SpanStart))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AwaitsSymbol(ExpressionSyntax awaited, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        awaited = StripConfigureAwait(awaited);
        if (RefersTo(awaited, symbol, model, cancellationToken))
        {
            return true;
        }

        if (awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WhenAll" } } whenAll
            && model.GetSymbolInfo(whenAll, cancellationToken).Symbol is IMethodSymbol { ContainingType.Name: "Task" })
        {
            foreach (SyntaxNode node in whenAll.ArgumentList.DescendantNodes())
            {
                if (node is ExpressionSyntax expression && RefersTo(expression, symbol, model, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ExpressionSyntax StripConfigureAwait(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member }:
                    expression = member.Expression;
                    break;
                default:
                    return expression;
            }
        }
    }

    private static bool IsAssignedIn(SyntaxNode function, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken, int from, int to)
    {
        foreach (SyntaxNode node in function.DescendantNodes())
        {
            if (node.SpanStart < from || node.SpanStart > to)
            {
                continue;
            }

            ExpressionSyntax? target = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword or (int)SyntaxKind.RefKeyword } argument => argument.Expression,
                _ => null,
            };
            if (target is not null && RefersTo(target, symbol, model, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFunction(SyntaxNode node) => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;
}
