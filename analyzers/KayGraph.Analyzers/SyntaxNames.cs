using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.Analyzers;

/// <summary>Syntactic helpers shared by the analyzers' cheap pre-checks.</summary>
internal static class SyntaxNames
{
    /// <summary>The simple name of the method an invocation calls (<c>Sleep</c> in <c>Thread.Sleep(1)</c>), or an empty string.</summary>
    public static string InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => string.Empty,
    };

    /// <summary>How the nearest function of a scope is named in messages.</summary>
    public static string FunctionName(in FunctionScope scope) => scope.Function switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        LocalFunctionStatementSyntax local => local.Identifier.ValueText,
        AnonymousFunctionExpressionSyntax when scope.Method is not null => "lambda in " + scope.Method.Identifier.ValueText,
        _ => "lambda",
    };
}
