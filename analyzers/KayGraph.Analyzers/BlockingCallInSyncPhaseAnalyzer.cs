using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>
/// KG1006 (info): a blocking call of the kinds of KG1001..KG1003 written directly in a synchronous phase of a node
/// (<c>Prep</c>, <c>Exec</c>, <c>ExecFallback</c>, <c>Post</c>, <c>OnError</c>); the fix turns the phase into its async form.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingCallInSyncPhaseAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.BlockingCallInSyncPhase);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols known = KnownSymbols.From(start.Compilation);
            if (known.NodeAttribute is null)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OwningSymbol is IMethodSymbol { IsAsync: false } method && PhaseNames.IsSyncPhase(method.Name) && NodeScope.IsNodePhase(method, known))
                {
                    block.RegisterOperationAction(operation => Analyze(operation, known), OperationKind.Invocation, OperationKind.PropertyReference);
                }
            });
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
    {
        SyntaxNode node = context.Operation.Syntax;
        if (!BlockingCallClassifier.IsCandidate(node)
            || !FunctionScope.TryCreate(node, out FunctionScope scope)
            || !scope.IsMethodItself
            || scope.IsAsync
            || context.Operation.SemanticModel is not { } model)
        {
            return;
        }

        BlockingCall? call = BlockingCallClassifier.Classify(node, scope, model, known, context.Options, context.CancellationToken);
        if (call is null)
        {
            return;
        }

        string phase = scope.Method!.Identifier.ValueText;
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.BlockingCallInSyncPhase,
            call.Syntax.GetLocation(),
            call.ToProperties(),
            call.Api,
            phase,
            PhaseNames.ToAsync(phase),
            call.Replacement));
    }
}
