using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Generators.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes KG0017 on a public field that System.Text.Json skips: <c>public int Count = 1;</c> →
/// <c>public int Count { get; set; } = 1;</c> (attributes, modifiers and initializer kept; a declaration of several variables
/// is split, only the reported ones become properties). Not offered for <c>readonly</c>, <c>const</c>, <c>volatile</c> or
/// <c>fixed</c> fields; when the result would not compile (a field passed by <c>ref</c>), the document is left unchanged.
/// The other KG0017 cases have no fix: the setter, constructor or derived types to add are the user's choice.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DurableStateNotRestorableCodeFix))]
[Shared]
public sealed class DurableStateNotRestorableCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string FieldToPropertyKey = "KG0017.FieldToProperty";

    private static readonly AccessorListSyntax GetSet =
        ((PropertyDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration("int P { get; set; }")!).AccessorList!;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.DurableStateNotRestorable);

    /// <inheritdoc />
    /// <remarks>Per document, every reported field in one rewrite (several variables of one declaration split once).</remarks>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixDocumentAsync);

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
            if (!IsFieldDiagnostic(diagnostic)
                || Find(root, diagnostic.Location.SourceSpan) is not { } variable
                || await IsPassedByReferenceAsync(context.Document.Project, variable.Identifier.ValueText, context.CancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            Document document = context.Document;
            context.RegisterCodeFix(
                RewriteValidation.Lazy(
                    $"Make '{variable.Identifier.ValueText}' a property",
                    document,
                    (current, _, _) => Rewrite(current, new[] { diagnostic.Location.SourceSpan }),
                    FieldToPropertyKey),
                diagnostic);
        }
    }

    private static bool IsFieldDiagnostic(Diagnostic diagnostic) =>
        diagnostic.Id == DiagnosticIds.DurableStateNotRestorable &&
        diagnostic.Properties.TryGetValue(DurableStateChecks.FixProperty, out string? fix) && fix == DurableStateChecks.FieldToPropertyFix;

    private static async Task<Document?> FixDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        if (context.CodeActionEquivalenceKey != FieldToPropertyKey
            || await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false) is not { } root)
        {
            return document;
        }

        var spans = new List<TextSpan>();
        foreach (Diagnostic diagnostic in diagnostics.Where(IsFieldDiagnostic))
        {
            if (Find(root, diagnostic.Location.SourceSpan) is { } variable
                && !await IsPassedByReferenceAsync(document.Project, variable.Identifier.ValueText, context.CancellationToken).ConfigureAwait(false))
            {
                spans.Add(diagnostic.Location.SourceSpan);
            }
        }

        if (Rewrite(root, spans) is not { } newRoot)
        {
            return document;
        }

        Document rewritten = document.WithSyntaxRoot(newRoot);
        return await RewriteValidation.StillBindsAsync(document, rewritten, context.CancellationToken).ConfigureAwait(false) ? rewritten : document;
    }

    /// <summary>
    /// Whether some document of the project passes a member named <paramref name="name"/> by <c>ref</c>, <c>out</c> or
    /// <c>in</c>, or takes a <c>ref</c> to it: a property cannot be. Read from syntax (no binding), so a same-named member of
    /// another type also keeps the fix away.
    /// </summary>
    private static async Task<bool> IsPassedByReferenceAsync(Project project, string name, CancellationToken cancellationToken)
    {
        foreach (Document document in project.Documents)
        {
            if (await document.GetTextAsync(cancellationToken).ConfigureAwait(false) is not { } text
                || text.ToString().IndexOf(name, System.StringComparison.Ordinal) < 0
                || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                continue;
            }

            foreach (SyntaxNode node in root.DescendantNodes())
            {
                ExpressionSyntax? target = node switch
                {
                    ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } argument => argument.Expression,
                    RefExpressionSyntax reference => reference.Expression,
                    _ => null,
                };
                if (target is IdentifierNameSyntax { Identifier.ValueText: var simple } && simple == name
                    || target is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } && member == name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The public, plain field variable whose identifier is <paramref name="span"/>.</summary>
    private static VariableDeclaratorSyntax? Find(SyntaxNode root, TextSpan span)
    {
        if (root.FindToken(span.Start).Parent is not VariableDeclaratorSyntax variable
            || variable.Identifier.Span != span
            || variable.Parent?.Parent is not FieldDeclarationSyntax field
            || !field.Modifiers.Any(SyntaxKind.PublicKeyword)
            || field.Modifiers.Any(m => m.Kind() is SyntaxKind.ReadOnlyKeyword or SyntaxKind.ConstKeyword or SyntaxKind.VolatileKeyword or SyntaxKind.FixedKeyword or SyntaxKind.StaticKeyword)
            || field.AttributeLists.Any(list => list.Target is not null))
        {
            return null;
        }

        return variable;
    }

    /// <summary>Every field declaration with a reported variable, replaced by its remaining field and one property per reported variable.</summary>
    private static SyntaxNode? Rewrite(SyntaxNode root, IReadOnlyCollection<TextSpan> spans)
    {
        var chosen = new HashSet<VariableDeclaratorSyntax>(spans.Select(s => Find(root, s)).OfType<VariableDeclaratorSyntax>());
        List<FieldDeclarationSyntax> fields = chosen.Select(v => (FieldDeclarationSyntax)v.Parent!.Parent!).Distinct().ToList();
        if (fields.Count == 0)
        {
            return null;
        }

        SyntaxNode newRoot = root.TrackNodes(fields);
        foreach (FieldDeclarationSyntax field in fields)
        {
            newRoot = newRoot.ReplaceNode(newRoot.GetCurrentNode(field)!, Members(field, field.Declaration.Variables.Where(chosen.Contains).ToList()));
        }

        return newRoot;
    }

    /// <summary>
    /// The members that replace <paramref name="field"/>, in the order of its variables: one auto-property per variable of
    /// <paramref name="converted"/>, and the other variables kept as fields (consecutive ones in one declaration), each
    /// member on its own line at the field's indentation.
    /// </summary>
    private static IEnumerable<MemberDeclarationSyntax> Members(FieldDeclarationSyntax field, List<VariableDeclaratorSyntax> converted)
    {
        SyntaxTriviaList leading = field.GetLeadingTrivia();
        SyntaxTriviaList indentation = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        SyntaxTriviaList trailing = field.GetTrailingTrivia();
        var members = new List<MemberDeclarationSyntax>();
        var kept = new List<VariableDeclaratorSyntax>();
        foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
        {
            if (!converted.Contains(variable))
            {
                kept.Add(variable.WithoutTrivia());
                continue;
            }

            Keep();
            members.Add(ToProperty(field, variable));
        }

        Keep();
        for (int i = 0; i < members.Count; i++)
        {
            members[i] = members[i].WithLeadingTrivia(i == 0 ? leading : indentation).WithTrailingTrivia(trailing);
        }

        return members;

        void Keep()
        {
            if (kept.Count == 0)
            {
                return;
            }

            SeparatedSyntaxList<VariableDeclaratorSyntax> variables = SyntaxFactory.SeparatedList(
                kept,
                Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), kept.Count - 1));
            members.Add(field.WithDeclaration(field.Declaration.WithVariables(variables)));
            kept.Clear();
        }
    }

    /// <summary><c>{attributes} {modifiers} T Name { get; set; } = initializer;</c> for one variable of <paramref name="field"/>.</summary>
    private static PropertyDeclarationSyntax ToProperty(FieldDeclarationSyntax field, VariableDeclaratorSyntax variable)
    {
        PropertyDeclarationSyntax property = SyntaxFactory.PropertyDeclaration(
            field.AttributeLists,
            field.Modifiers,
            field.Declaration.Type,
            null,
            variable.Identifier.WithTrailingTrivia(SyntaxFactory.Space),
            GetSet);
        return variable.Initializer is { } initializer
            ? property
                .WithAccessorList(GetSet.WithTrailingTrivia(SyntaxFactory.Space))
                .WithInitializer(initializer.WithoutTrailingTrivia())
                .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
            : property;
    }
}
