using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes KG1006: turns a synchronous phase into its async form — <c>Exec</c> → <c>ExecAsync</c>, <c>async</c> added, the
/// return type wrapped (<c>void</c> → <c>Task</c>, <c>T</c> → <c>Task&lt;T&gt;</c>) — and awaits every blocking call of
/// the phase with its replacement, passing the phase's token when it has one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePhaseAsyncCodeFix))]
[Shared]
public sealed class MakePhaseAsyncCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string MakePhaseAsyncKey = "KG1006.MakePhaseAsync";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.BlockingCallInSyncPhase);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // Declaration-level checks only (the phase's symbol and its type's members); the blocking calls are classified
            // and rewritten when the fix is applied.
            if (Find(root, diagnostic.Location.SourceSpan) is not ({ } phase, _)
                || model.GetDeclaredSymbol(phase, context.CancellationToken) is not { } phaseSymbol
                || !phaseSymbol.ContainingType.GetMembers(PhaseNames.ToAsync(phase.Identifier.ValueText)).IsEmpty)
            {
                continue;
            }

            TextSpan span = diagnostic.Location.SourceSpan;
            AnalyzerOptions options = context.Document.Project.AnalyzerOptions;
            string title = $"Make '{phase.Identifier.ValueText}' async ('{PhaseNames.ToAsync(phase.Identifier.ValueText)}')";
            context.RegisterCodeFix(
                RewriteValidation.Lazy(
                    title,
                    context.Document,
                    (current, currentModel, cancellationToken) => Find(current, span) is ({ } p, { } blocking) ? MakeAsync(current, currentModel, p, blocking, options, cancellationToken) : null,
                    MakePhaseAsyncKey),
                diagnostic);
        }
    }

    /// <summary>The phase around the blocking call at <paramref name="span"/>, when the call can be awaited once the phase is async.</summary>
    private static (MethodDeclarationSyntax? Phase, SyntaxNode? Blocking) Find(SyntaxNode root, TextSpan span)
    {
        SyntaxNode blocking = root.FindNode(span, getInnermostNodeForTie: true);
        return blocking.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } phase && AwaitSyntax.CanAwaitOnceMethodIsAsync(blocking)
            ? (phase, blocking)
            : (null, null);
    }

    private static SyntaxNode? MakeAsync(SyntaxNode root, SemanticModel model, MethodDeclarationSyntax phase, SyntaxNode diagnosed, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        KnownSymbols known = KnownSymbols.From(model.Compilation);
        string? token = CancellationTokenScope.FindTokenName(diagnosed, model, cancellationToken);
        var rewrites = new Dictionary<SyntaxAnnotation, BlockingCall>();
        var annotations = new Dictionary<SyntaxNode, SyntaxAnnotation>();
        foreach (SyntaxNode node in phase.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (BlockingCallClassifier.IsCandidate(node)
                && AwaitSyntax.CanAwaitOnceMethodIsAsync(node)
                && FunctionScope.TryCreate(node, out FunctionScope scope)
                && BlockingCallClassifier.Classify(node, scope, model, known, options, cancellationToken) is { Fixable: true } call)
            {
                var annotation = new SyntaxAnnotation();
                annotations[node] = annotation;
                rewrites[annotation] = call;
            }
        }

        if (!annotations.ContainsKey(diagnosed))
        {
            return null;
        }

        MethodDeclarationSyntax method = phase.ReplaceNodes(annotations.Keys, (original, current) => current.WithAdditionalAnnotations(annotations[original]));
        foreach (KeyValuePair<SyntaxAnnotation, BlockingCall> rewrite in rewrites)
        {
            if (method.GetAnnotatedNodes(rewrite.Key).FirstOrDefault() is not ExpressionSyntax current || Await(current, rewrite.Value, token) is not { } awaited)
            {
                return null;
            }

            method = method.ReplaceNode(current, awaited);
        }

        method = WithAsyncSignature(method);
        SyntaxNode newRoot = root.ReplaceNode(phase, method);
        return UsingDirectives.IsImported(model, phase.SpanStart, "System.Threading.Tasks", "Task") ? newRoot : UsingDirectives.Ensure(newRoot, "System.Threading.Tasks");
    }

    private static ExpressionSyntax? Await(ExpressionSyntax call, BlockingCall blocking, string? token) => blocking.Kind switch
    {
        BlockingCallKind.ThreadSleep when call is InvocationExpressionSyntax sleep => ThreadSleepCodeFix.DelayFor(sleep, token),
        BlockingCallKind.SyncWithAsyncTwin when call is InvocationExpressionSyntax invocation => AsyncTwinCodeFix.AwaitTwin(invocation, blocking.Twin!.Name, blocking.TwinTakesToken ? token : null),
        _ => SyncWaitCodeFix.Rewrite(call, blocking.Kind.ToString()),
    };

    private static MethodDeclarationSyntax WithAsyncSignature(MethodDeclarationSyntax method)
    {
        TypeSyntax returnType = method.ReturnType;
        TypeSyntax taskType = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            ? SyntaxFactory.IdentifierName("Task")
            : SyntaxFactory.GenericName(SyntaxFactory.Identifier("Task"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia())));
        SyntaxToken asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (method.Modifiers.Count == 0)
        {
            asyncKeyword = asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia());
            taskType = taskType.WithTrailingTrivia(returnType.GetTrailingTrivia());
        }
        else
        {
            taskType = taskType.WithTriviaFrom(returnType);
        }

        SyntaxToken identifier = method.Identifier;
        return method
            .WithReturnType(taskType)
            .WithModifiers(method.Modifiers.Add(asyncKeyword))
            .WithIdentifier(SyntaxFactory.Identifier(identifier.LeadingTrivia, PhaseNames.ToAsync(identifier.ValueText), identifier.TrailingTrivia));
    }
}
