using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>
/// The shared shape of KG1001..KG1003: a syntactic pre-check on each invocation (and <c>.Result</c> access), then the
/// nearest function must be async and lie in a node phase (or the project opted into every async method), then
/// <see cref="BlockingCallClassifier"/> decides, and each rule reports only its own kinds.
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
            start.RegisterSyntaxNodeAction(node => Analyze(node, known), SyntaxKind.InvocationExpression);
            if (InspectsResultAccess)
            {
                start.RegisterSyntaxNodeAction(node => Analyze(node, known), SyntaxKind.SimpleMemberAccessExpression);
            }
        });
    }

    /// <summary>Cheap syntactic check on the invoked (or accessed) name before any semantic work.</summary>
    /// <param name="node">The invocation or member access.</param>
    /// <returns>Whether the node may be a call this rule reports.</returns>
    private protected abstract bool IsNameCandidate(SyntaxNode node);

    /// <summary>Whether the rule reports blocking calls of <paramref name="kind"/>.</summary>
    private protected abstract bool Reports(BlockingCallKind kind);

    private void Analyze(SyntaxNodeAnalysisContext context, KnownSymbols known)
    {
        SyntaxNode node = context.Node;
        if (!BlockingCallClassifier.IsCandidate(node)
            || !IsNameCandidate(node)
            || !FunctionScope.TryCreate(node, out FunctionScope scope)
            || !scope.IsAsync
            || !NodeScope.IsAnalyzedAsyncContext(scope, context, known))
        {
            return;
        }

        BlockingCall? call = BlockingCallClassifier.Classify(node, scope, context.SemanticModel, known, context.Options, context.CancellationToken);
        if (call is null || !Reports(call.Kind))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, call.Syntax.GetLocation(), call.ToProperties(), call.Api, SyntaxNames.FunctionName(scope), call.Replacement));
    }
}
