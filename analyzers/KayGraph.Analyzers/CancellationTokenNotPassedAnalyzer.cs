using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KayGraph.Analyzers;

/// <summary>
/// KG1004: a <c>CancellationToken</c> parameter is in scope in a node phase, and a call that accepts a token (through an
/// optional parameter or an overload with one more trailing token) does not receive any. Calls with a zero timeout
/// (<c>semaphore.WaitAsync(0)</c>, <c>Task.Delay(TimeSpan.Zero)</c>) return at once and are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CancellationTokenNotPassedAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.CancellationTokenNotPassed);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols known = KnownSymbols.From(start.Compilation);
            if (known.CancellationToken is null)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                bool inNodePhase = NodeScope.IsNodePhase(block.OwningSymbol, known);
                if (inNodePhase || NodeScope.AnalyzesAllAsyncMethods(block.Options, block.OperationBlocks))
                {
                    block.RegisterOperationAction(operation => Analyze(operation, known, inNodePhase), OperationKind.Invocation);
                }
            });
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownSymbols known, bool inNodePhase)
    {
        if (context.Operation is not IInvocationOperation invocation
            || invocation.Syntax is not InvocationExpressionSyntax syntax
            || !FunctionScope.TryCreate(syntax, out FunctionScope scope)
            || (!inNodePhase && !scope.IsAsync)
            || invocation.SemanticModel is not { } model
            || TokenAcceptingCalls.FindMissingToken(invocation, syntax, scope, model, known) is not { } parameterName
            || CancellationTokenScope.FindTokenName(syntax, model, context.CancellationToken) is not { } token
            || BlockingCallClassifier.Classify(syntax, scope, model, known, context.Options, context.CancellationToken) is not null)
        {
            return;
        }

        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.TokenName, token);
        if (parameterName.Length > 0)
        {
            properties = properties.Add(DiagnosticProperties.ParameterName, parameterName);
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CancellationTokenNotPassed, syntax.GetLocation(), properties, TokenAcceptingCalls.ApiName(invocation), token));
    }
}
