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
/// Fixes KG1007: use the generated <c>Action</c> member that matches the literal; use the declared spelling of the action;
/// or declare the transition with <c>[Next&lt;T&gt;("literal")]</c> when exactly one node or graph is named like the literal.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UndeclaredActionCodeFix))]
[Shared]
public sealed class UndeclaredActionCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix that returns the generated <c>Action</c> member.</summary>
    public const string UseActionMemberKey = "KG1007.UseActionMember";

    /// <summary>Equivalence key of the fix that returns the declared spelling of the action.</summary>
    public const string UseDeclaredActionKey = "KG1007.UseDeclaredAction";

    /// <summary>Equivalence key of the fix that adds the missing <c>[Next]</c>.</summary>
    public const string AddNextKey = "KG1007.AddNext";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UndeclaredActionReturned);

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
            TextSpan span = diagnostic.Location.SourceSpan;
            if (Find(root, span) is not { } literal
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.ActionLiteral, out string? action)
                || action is null)
            {
                continue;
            }

            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.ActionMember, out string? member) && member is not null)
            {
                Offer(context, diagnostic, $"Use 'Action.{member}'", UseActionMemberKey, current => Find(current, span) is { } l
                    ? current.ReplaceNode(l, SyntaxFactory.ParseExpression("Action." + member).WithTriviaFrom(l))
                    : null);
            }

            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.DeclaredAction, out string? declared) && declared is not null && declared != action)
            {
                Offer(context, diagnostic, $"Return the declared action \"{declared}\"", UseDeclaredActionKey, current => Find(current, span) is { } l
                    ? current.ReplaceNode(l, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(declared)).WithTriviaFrom(l))
                    : null);
            }

            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.TargetType, out string? target) && target is not null
                && NodeOf(literal) is not null)
            {
                bool generic = ((CSharpParseOptions)literal.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp11;
                string shortName = target.Substring(target.LastIndexOf('.') + 1);
                string title = generic ? $"Add [Next<{shortName}>(\"{action}\")]" : $"Add [Next(\"{action}\", typeof({shortName}))]";
                Offer(context, diagnostic, title, AddNextKey, current => Find(current, span) is { } l && NodeOf(l) is { } node
                    ? current.ReplaceNode(node, WithNext(node, action, target, generic))
                    : null);
            }
        }
    }

    private static LiteralExpressionSyntax? Find(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true) as LiteralExpressionSyntax;

    private static ClassDeclarationSyntax? NodeOf(LiteralExpressionSyntax literal) =>
        literal.FirstAncestorOrSelf<ClassDeclarationSyntax>() is { AttributeLists.Count: > 0 } node ? node : null;

    private static void Offer(CodeFixContext context, Diagnostic diagnostic, string title, string key, System.Func<SyntaxNode, SyntaxNode?> rewrite) =>
        context.RegisterCodeFix(RewriteValidation.Lazy(title, context.Document, (current, _, _) => rewrite(current), key), diagnostic);

    private static ClassDeclarationSyntax WithNext(ClassDeclarationSyntax node, string action, string target, bool generic)
    {
        AttributeListSyntax last = node.AttributeLists.Last();
        ExpressionSyntax literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(action));
        AttributeSyntax attribute = generic
            ? SyntaxFactory.Attribute(
                SyntaxFactory.GenericName(SyntaxFactory.Identifier("Next"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.ParseTypeName(target)))),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(literal))))
            : SyntaxFactory.Attribute(
                SyntaxFactory.IdentifierName("Next"),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(
                    new[] { SyntaxFactory.AttributeArgument(literal), SyntaxFactory.AttributeArgument(SyntaxFactory.TypeOfExpression(SyntaxFactory.ParseTypeName(target))) },
                    new[] { SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space) })));
        SyntaxTriviaList indentation = SyntaxFactory.TriviaList(last.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation)))
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(last.GetTrailingTrivia());
        return node.WithAttributeLists(node.AttributeLists.Insert(node.AttributeLists.Count, list));
    }
}
