using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.Analyzers;

/// <summary>
/// Where a piece of code runs, found from syntax alone: the nearest enclosing function (method, local function, lambda,
/// anonymous method, accessor...) decides whether the code is in an async context; the outermost method decides whether it
/// is inside a node phase.
/// </summary>
internal readonly struct FunctionScope
{
    private FunctionScope(SyntaxNode function, bool isAsync, MethodDeclarationSyntax? method)
    {
        Function = function;
        IsAsync = isAsync;
        Method = method;
    }

    /// <summary>The nearest enclosing function.</summary>
    public SyntaxNode Function { get; }

    /// <summary>Whether <see cref="Function"/> carries the <c>async</c> modifier.</summary>
    public bool IsAsync { get; }

    /// <summary>The member method that contains <see cref="Function"/> (or is it), if any.</summary>
    public MethodDeclarationSyntax? Method { get; }

    /// <summary>Whether the nearest function is the member method itself, not a lambda or local function inside it.</summary>
    public bool IsMethodItself => Method is not null && ReferenceEquals(Function, Method);

    /// <summary>Whether the outermost method has a phase name (cheap syntactic pre-check for <see cref="NodeScope"/>).</summary>
    public bool HasPhaseName => Method is not null && PhaseNames.IsPhase(Method.Identifier.ValueText);

    /// <summary>
    /// Finds the scope of <paramref name="node"/>. Returns <see langword="false"/> for code that never runs: attribute
    /// arguments and <c>nameof</c> operands, and for code outside any function.
    /// </summary>
    public static bool TryCreate(SyntaxNode node, out FunctionScope scope)
    {
        scope = default;
        SyntaxNode? function = null;
        bool isAsync = false;
        for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AttributeSyntax:
                    return false;
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }:
                    return false;
                case AnonymousFunctionExpressionSyntax lambda when function is null:
                    function = lambda;
                    isAsync = lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                    break;
                case LocalFunctionStatementSyntax local when function is null:
                    function = local;
                    isAsync = local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    break;
                case MethodDeclarationSyntax method:
                    if (function is null)
                    {
                        function = method;
                        isAsync = method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    }

                    scope = new FunctionScope(function, isAsync, method);
                    return true;
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax }:
                    scope = function is null ? new FunctionScope(current, false, null) : new FunctionScope(function, isAsync, null);
                    return true;
                case BaseTypeDeclarationSyntax:
                    if (function is null)
                    {
                        return false;
                    }

                    scope = new FunctionScope(function, isAsync, null);
                    return true;
            }
        }

        return false;
    }
}
