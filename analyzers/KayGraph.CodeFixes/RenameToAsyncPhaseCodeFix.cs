using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using KayGraph.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

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
            // Syntax only: a phase that the document calls or names (Exec().Result, nameof(Exec)) would stop binding, and a
            // member of the new name in this declaration would collide; both keep the fix away.
            if (Find(root, diagnostic.Location.SourceSpan) is not { } method
                || IsReferenced(root, method.Identifier.ValueText)
                || method.Parent is TypeDeclarationSyntax type && type.Members.Any(m => DeclaredName(m) == PhaseNames.ToAsync(method.Identifier.ValueText)))
            {
                continue;
            }

            string newName = PhaseNames.ToAsync(method.Identifier.ValueText);
            TextSpan span = diagnostic.Location.SourceSpan;
            context.RegisterCodeFix(
                RewriteValidation.Lazy(
                    $"Rename to '{newName}'",
                    context.Document,
                    (current, _, _) => Find(current, span) is { } m ? current.ReplaceToken(m.Identifier, SyntaxFactory.Identifier(newName).WithTriviaFrom(m.Identifier)) : null,
                    RenameKey),
                diagnostic);
        }
    }

    private static MethodDeclarationSyntax? Find(SyntaxNode root, TextSpan span) =>
        root.FindToken(span.Start).Parent is MethodDeclarationSyntax method && method.Identifier.Span == span ? method : null;

    /// <summary>Whether an identifier <paramref name="name"/> appears in <paramref name="root"/> as an expression (a call, a method group, a <c>nameof</c>).</summary>
    internal static bool IsReferenced(SyntaxNode root, string name) =>
        root.DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier => identifier.Identifier.ValueText == name);

    private static string? DeclaredName(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        FieldDeclarationSyntax field => field.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText,
        _ => null,
    };
}
