using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;

namespace KayGraph.CodeFixes;

/// <summary>
/// Code actions that compute their change when applied, not when the light bulb opens: the fixer registers an action after
/// syntax (or declaration-level) checks only, and the rewrite, with its check that the document still binds, runs inside
/// the action. A rewrite that would add a compiler error leaves the document unchanged.
/// </summary>
internal static class RewriteValidation
{
    /// <summary>
    /// An action titled <paramref name="title"/> that, when applied, runs <paramref name="rewrite"/> on the document's current
    /// root and semantic model and returns the rewritten document if it still binds (else the document unchanged).
    /// <paramref name="rewrite"/> finds its nodes in the root it is given (by the diagnostic's span), returns
    /// <see langword="null"/> when the rewrite does not apply.
    /// </summary>
    public static CodeAction Lazy(string title, Document document, Func<SyntaxNode, SemanticModel, CancellationToken, SyntaxNode?> rewrite, string equivalenceKey) =>
        CodeAction.Create(title, cancellationToken => RewriteAsync(document, rewrite, cancellationToken), equivalenceKey);

    /// <summary>Whether <paramref name="rewritten"/> has no more compiler errors than <paramref name="original"/>.</summary>
    public static async Task<bool> StillBindsAsync(Document original, Document rewritten, CancellationToken cancellationToken)
    {
        SemanticModel? before = await original.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? after = await rewritten.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (before is null || after is null)
        {
            return false;
        }

        int errorsBefore = before.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        int errorsAfter = after.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        return errorsAfter <= errorsBefore;
    }

    private static async Task<Document> RewriteAsync(Document document, Func<SyntaxNode, SemanticModel, CancellationToken, SyntaxNode?> rewrite, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || rewrite(root, model, cancellationToken) is not { } newRoot)
        {
            return document;
        }

        Document rewritten = document.WithSyntaxRoot(newRoot);
        return await StillBindsAsync(document, rewritten, cancellationToken).ConfigureAwait(false) ? rewritten : document;
    }
}
