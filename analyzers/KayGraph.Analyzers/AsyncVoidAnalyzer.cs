using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.Analyzers;

/// <summary>KG1005: <c>async void</c> methods, local functions, lambdas and anonymous methods inside node classes.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncVoidAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.AsyncVoid);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols known = KnownSymbols.From(start.Compilation);
            start.RegisterSyntaxNodeAction(node => AnalyzeDeclaration(node, known), SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement);
            start.RegisterSyntaxNodeAction(
                node => AnalyzeAnonymousFunction(node, known),
                SyntaxKind.ParenthesizedLambdaExpression,
                SyntaxKind.SimpleLambdaExpression,
                SyntaxKind.AnonymousMethodExpression);
        });
    }

    private static void AnalyzeDeclaration(SyntaxNodeAnalysisContext context, KnownSymbols known)
    {
        (SyntaxTokenList modifiers, TypeSyntax returnType, SyntaxToken identifier) = context.Node switch
        {
            MethodDeclarationSyntax method => (method.Modifiers, method.ReturnType, method.Identifier),
            LocalFunctionStatementSyntax local => (local.Modifiers, local.ReturnType, local.Identifier),
            _ => (default, null!, default),
        };
        if (returnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            || !modifiers.Any(SyntaxKind.AsyncKeyword)
            || !IsAnalyzed(context, known))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AsyncVoid, identifier.GetLocation(), identifier.ValueText));
    }

    private static void AnalyzeAnonymousFunction(SyntaxNodeAnalysisContext context, KnownSymbols known)
    {
        var function = (AnonymousFunctionExpressionSyntax)context.Node;
        if (!function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
            || !IsAnalyzed(context, known)
            || context.SemanticModel.GetSymbolInfo(function, context.CancellationToken).Symbol is not IMethodSymbol { ReturnsVoid: true })
        {
            return;
        }

        SyntaxToken end = function switch
        {
            LambdaExpressionSyntax lambda => lambda.ArrowToken,
            AnonymousMethodExpressionSyntax anonymous => anonymous.DelegateKeyword,
            _ => function.AsyncKeyword,
        };
        Location location = Location.Create(function.SyntaxTree, TextSpan.FromBounds(function.AsyncKeyword.SpanStart, end.Span.End));
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AsyncVoid, location, function is AnonymousMethodExpressionSyntax ? "anonymous method" : "lambda"));
    }

    private static bool IsAnalyzed(SyntaxNodeAnalysisContext context, KnownSymbols known) =>
        NodeScope.IsInNodeClass(context.Node, context.SemanticModel, known, context.CancellationToken)
        || NodeScope.AnalyzesAllAsyncMethods(context.Options, context.Node.SyntaxTree);
}
