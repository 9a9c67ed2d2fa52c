using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using KayGraph.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes KG1002: <c>t.Wait()</c>, <c>t.Result</c>, <c>t.GetAwaiter().GetResult()</c> → <c>await t</c>;
/// <c>Task.WaitAll(...)</c> → <c>await Task.WhenAll(...)</c>; <c>Task.WaitAny(...)</c> → <c>await Task.WhenAny(...)</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncWaitCodeFix))]
[Shared]
public sealed class SyncWaitCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string AwaitKey = "KG1002.Await";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.SyncWaitInAsyncPhase);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fixable, out string? fixable) || fixable != "true"
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.BlockingKind, out string? kind)
                || kind is null
                || Find(root, diagnostic.Location.SourceSpan, kind) is null)
            {
                continue;
            }

            TextSpan span = diagnostic.Location.SourceSpan;
            context.RegisterCodeFix(
                RewriteValidation.Lazy(
                    Title(kind),
                    context.Document,
                    (current, _, _) => Find(current, span, kind) is { } wait && Rewrite(wait, kind) is { } replacement ? current.ReplaceNode(wait, replacement) : null,
                    AwaitKey),
                diagnostic);
        }
    }

    private static ExpressionSyntax? Find(SyntaxNode root, TextSpan span, string kind) =>
        root.FindNode(span, getInnermostNodeForTie: true) is ExpressionSyntax wait && AwaitSyntax.CanAwaitAt(wait) && Rewrite(wait, kind) is not null ? wait : null;

    /// <summary>The awaiting form of a synchronous wait of the given <see cref="BlockingCallKind"/> name, or <see langword="null"/>.</summary>
    internal static ExpressionSyntax? Rewrite(ExpressionSyntax wait, string kind) => (kind, wait) switch
    {
        (nameof(BlockingCallKind.TaskWait), InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }) => AwaitSyntax.Await(member.Expression, wait),
        (nameof(BlockingCallKind.TaskResult), MemberAccessExpressionSyntax member) => AwaitSyntax.Await(member.Expression, wait),
        (nameof(BlockingCallKind.AwaiterGetResult), InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } } })
            => AwaitSyntax.Await(getAwaiter.Expression, wait),
        (nameof(BlockingCallKind.WaitAll), InvocationExpressionSyntax invocation) => AwaitRenamed(invocation, "WhenAll"),
        (nameof(BlockingCallKind.WaitAny), InvocationExpressionSyntax invocation) => AwaitRenamed(invocation, "WhenAny"),
        _ => null,
    };

    private static ExpressionSyntax? AwaitRenamed(InvocationExpressionSyntax invocation, string name) =>
        InvocationNames.Rename(invocation, name) is { } renamed ? AwaitSyntax.Await(renamed, invocation) : null;

    private static string Title(string kind) => kind switch
    {
        nameof(BlockingCallKind.WaitAll) => "Use 'await Task.WhenAll'",
        nameof(BlockingCallKind.WaitAny) => "Use 'await Task.WhenAny'",
        _ => "Use 'await'",
    };
}
