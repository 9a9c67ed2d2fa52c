using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>
/// The shared shape of KG1001..KG1003: only operation blocks of node phases are watched (or every block when the project
/// opted into every async method); inside them, a syntactic pre-check on each invocation (and <c>.Result</c> access), then
/// the nearest function must be async, then <see cref="BlockingCallClassifier"/> decides, and each rule reports only its
/// own kinds.
/// </summary>
public abstract class BlockingCallInAsyncContextAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The descriptor the rule reports.</summary>
    protected abstract DiagnosticDescriptor Rule { get; }

    /// <summary>Whether the rule inspects <c>.Result</c> member accesses as well as invocations.</summary>
    protected virtual bool InspectsResultAccess => false;

    /// <inheritdoc />
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols known = KnownSymbols.From(start.Compilation);
            start.RegisterOperationBlockStartAction(block =>
            {
                if (!NodeScope.IsNodePhase(block.OwningSymbol, known) && !NodeScope.AnalyzesAllAsyncMethods(block.Options, block.OperationBlocks))
                {
                    return;
                }

                block.RegisterOperationAction(operation => Analyze(operation, known), OperationKind.Invocation);
                if (InspectsResultAccess)
                {
                    block.RegisterOperationAction(operation => Analyze(operation, known), OperationKind.PropertyReference);
                }
            });
        });
    }

    /// <summary>Cheap syntactic check on the invoked (or accessed) name before any semantic work.</summary>
    /// <param name="node">The invocation or member access.</param>
    /// <returns>Whether the node may be a call this rule reports.</returns>
    private protected abstract bool IsNameCandidate(SyntaxNode node);

    /// <summary>Whether the rule reports blocking calls of <paramref name="kind"/>.</summary>
    private protected abstract bool Reports(BlockingCallKind kind);

    private void Analyze(OperationAnalysisContext context, KnownSymbols known)
    {
        SyntaxNode node = context.Operation.Syntax;
        if (!BlockingCallClassifier.IsCandidate(node)
            || !IsNameCandidate(node)
            || !FunctionScope.TryCreate(node, out FunctionScope scope)
            || !scope.IsAsync
            || context.Operation.SemanticModel is not { } model)
        {
            return;
        }

        BlockingCall? call = BlockingCallClassifier.Classify(node, scope, model, known, context.Options, context.CancellationToken);
        if (call is null || !Reports(call.Kind))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, call.Syntax.GetLocation(), call.ToProperties(), call.Api, SyntaxNames.FunctionName(scope), call.Replacement));
    }
}
