using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.CodeFixes;

/// <summary>Builds <c>await</c> expressions and decides where <c>await</c> may be written.</summary>
internal static class AwaitSyntax
{
    /// <summary>
    /// <c>await <paramref name="operand"/></c>, parenthesized when it replaces <paramref name="replaced"/> in a position that
    /// binds tighter than <c>await</c> (member access, element access, invocation), with the trivia of <paramref name="replaced"/>.
    /// </summary>
    public static ExpressionSyntax Await(ExpressionSyntax operand, SyntaxNode replaced)
    {
        ExpressionSyntax awaited = SyntaxFactory.AwaitExpression(
            SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space),
            operand.WithoutTrivia());
        if (replaced.Parent is MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or InvocationExpressionSyntax or ConditionalAccessExpressionSyntax or PostfixUnaryExpressionSyntax)
        {
            awaited = SyntaxFactory.ParenthesizedExpression(awaited);
        }

        return awaited.WithTriviaFrom(replaced);
    }

    /// <summary>
    /// Whether <c>await</c> can be written at <paramref name="node"/> inside its nearest function: not in a <c>lock</c> body,
    /// an <c>unsafe</c> block or a query clause, and the nearest function is async.
    /// </summary>
    public static bool CanAwaitAt(SyntaxNode node)
    {
        for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LockStatementSyntax or UnsafeStatementSyntax or QueryExpressionSyntax:
                    return false;
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <c>await</c> can be written at <paramref name="node"/> once its sync method becomes async: not in a <c>lock</c>
    /// body, an <c>unsafe</c> block, a query clause, a lambda or a local function.
    /// </summary>
    public static bool CanAwaitOnceMethodIsAsync(SyntaxNode node)
    {
        for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LockStatementSyntax or UnsafeStatementSyntax or QueryExpressionSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
                case MethodDeclarationSyntax:
                    return true;
            }
        }

        return false;
    }
}
