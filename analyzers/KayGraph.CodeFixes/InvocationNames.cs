using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.CodeFixes;

/// <summary>Renames the method an invocation calls, keeping receiver, type arguments and trivia.</summary>
internal static class InvocationNames
{
    /// <summary><paramref name="invocation"/> calling <paramref name="newName"/> instead, or <see langword="null"/> for unsupported shapes.</summary>
    public static InvocationExpressionSyntax? Rename(InvocationExpressionSyntax invocation, string newName)
    {
        ExpressionSyntax? expression = invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.WithName(Rename(member.Name, newName)),
            SimpleNameSyntax name => Rename(name, newName),
            _ => null,
        };
        return expression is null ? null : invocation.WithExpression(expression);
    }

    private static SimpleNameSyntax Rename(SimpleNameSyntax name, string newName) =>
        name.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(name.Identifier));
}
