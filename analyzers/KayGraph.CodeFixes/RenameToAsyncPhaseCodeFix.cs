using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using KayGraph.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes KG1009: renames the declaration of a task-returning <c>Exec</c> (<c>Prep</c>, <c>Post</c>, ...) to its async
/// phase name (<c>ExecAsync</c>), so the generator wires and awaits it as the async phase. Phases are called by the
/// generated glue only; the fix is offered when the renamed document still binds.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameToAsyncPhaseCodeFix))]
[Shared]
public sealed class RenameToAsyncPhaseCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string RenameKey = "KG1009.RenameToAsync";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.SyncPhaseReturnsTask);

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
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not MethodDeclarationSyntax method
                || method.Identifier.Span != diagnostic.Location.SourceSpan)
            {
                continue;
            }

            string newName = PhaseNames.ToAsync(method.Identifier.ValueText);
            SyntaxToken renamed = SyntaxFactory.Identifier(newName).WithTriviaFrom(method.Identifier);
            Document rewritten = context.Document.WithSyntaxRoot(root.ReplaceToken(method.Identifier, renamed));
            if (await RewriteValidation.StillBindsAsync(context.Document, rewritten, context.CancellationToken).ConfigureAwait(false))
            {
                context.RegisterCodeFix(CodeAction.Create($"Rename to '{newName}'", _ => Task.FromResult(rewritten), RenameKey), diagnostic);
            }
        }
    }
}
