using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.Analyzers;

/// <summary>Finds the <c>CancellationToken</c> parameter visible at a point: the nearest one of the enclosing functions.</summary>
internal static class CancellationTokenScope
{
    /// <summary>The name of the nearest <c>CancellationToken</c> parameter in scope at <paramref name="node"/>, or <see langword="null"/>.</summary>
    public static string? FindTokenName(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        Find(node, model, cancellationToken, out _);

    /// <summary>
    /// Whether no <c>CancellationToken</c> parameter is in scope at <paramref name="node"/> and a token parameter added to the
    /// enclosing member method would be: no static local function stands between them.
    /// </summary>
    public static bool ReachesMethodWithoutToken(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        Find(node, model, cancellationToken, out bool reachesMethod) is null && reachesMethod;

    private static string? Find(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken, out bool reachesMethod)
    {
        reachesMethod = false;
        for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case SimpleLambdaExpressionSyntax simple:
                    if (IsToken(simple.Parameter, model, cancellationToken))
                    {
                        return simple.Parameter.Identifier.ValueText;
                    }

                    break;
                case ParenthesizedLambdaExpressionSyntax lambda when Find(lambda.ParameterList, model, cancellationToken) is { } name:
                    return name;
                case AnonymousMethodExpressionSyntax { ParameterList: { } list } when Find(list, model, cancellationToken) is { } name:
                    return name;
                case LocalFunctionStatementSyntax local:
                    if (Find(local.ParameterList, model, cancellationToken) is { } localName)
                    {
                        return localName;
                    }

                    if (local.Modifiers.Any(SyntaxKind.StaticKeyword))
                    {
                        return null;
                    }

                    break;
                case BaseMethodDeclarationSyntax method:
                    reachesMethod = method is MethodDeclarationSyntax;
                    return Find(method.ParameterList, model, cancellationToken);
                case BaseTypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static string? Find(ParameterListSyntax list, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (ParameterSyntax parameter in list.Parameters)
        {
            if (IsToken(parameter, model, cancellationToken))
            {
                return parameter.Identifier.ValueText;
            }
        }

        return null;
    }

    private static bool IsToken(ParameterSyntax parameter, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetDeclaredSymbol(parameter, cancellationToken) is { Type: { Name: "CancellationToken" } type }
        && type.ContainingNamespace?.ToDisplayString() == "System.Threading";
}
