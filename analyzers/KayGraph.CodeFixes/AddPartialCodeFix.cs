using System.Collections.Immutable;
using System.Composition;
using System.Threading;
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
/// Fixes KG0001 on a node or graph class (or a class containing one) that is not <c>partial</c>: adds <c>partial</c> as
/// the last modifier, right before the <c>class</c>/<c>struct</c>/<c>record</c> keyword.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFix))]
[Shared]
public sealed class AddPartialCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string AddPartialKey = "KG0001.AddPartial";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.NodeNotPartial);

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
            if (Find(root, diagnostic.Location.SourceSpan) is not { } declaration)
            {
                continue;
            }

            Document document = context.Document;
            TextSpan span = diagnostic.Location.SourceSpan;
            context.RegisterCodeFix(
                CodeAction.Create($"Make '{declaration.Identifier.ValueText}' partial", cancellationToken => FixAsync(document, span, cancellationToken), AddPartialKey),
                diagnostic);
        }
    }

    /// <summary>The declaration whose identifier is <paramref name="span"/>, when it lacks <c>partial</c>.</summary>
    private static TypeDeclarationSyntax? Find(SyntaxNode root, TextSpan span) =>
        root.FindToken(span.Start).Parent is TypeDeclarationSyntax declaration
        && declaration.Identifier.Span == span
        && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
            ? declaration
            : null;

    private static async Task<Document> FixAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && Find(root, span) is { } declaration
            ? document.WithSyntaxRoot(root.ReplaceNode(declaration, AddPartial(declaration)))
            : document;
    }

    /// <summary>
    /// <c>public sealed class A</c> → <c>public sealed partial class A</c>; without modifiers the keyword's leading trivia
    /// (indentation) moves to the new <c>partial</c>.
    /// </summary>
    internal static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Count == 0)
        {
            SyntaxToken keyword = declaration.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration.WithKeyword(keyword.WithLeadingTrivia(SyntaxTriviaList.Empty)).WithModifiers(SyntaxFactory.TokenList(partial));
        }

        return declaration.WithModifiers(declaration.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }
}
