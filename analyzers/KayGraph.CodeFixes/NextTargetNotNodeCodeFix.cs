using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes KG0006 when the <c>[Next]</c> target is a plain class declared in source of the same solution: adds <c>[Node]</c>
/// to the target class (in whichever document declares it) and <c>partial</c> to it and to every class around it that
/// lacks it, with <c>using KayGraph;</c> when the attribute does not bind there. Not offered for a target from metadata, a
/// generated file, or one that cannot become a node as it is (static, abstract, generic, a struct, interface or enum).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NextTargetNotNodeCodeFix))]
[Shared]
public sealed class NextTargetNotNodeCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string MarkAsNodeKey = "KG0006.MarkTargetAsNode";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.NextTargetNotNode);

    /// <inheritdoc />
    /// <remarks>
    /// Not the batch fixer: the edits land in the targets' documents, and several <c>[Next]</c> naming one class must mark it
    /// once. Fix All resolves every diagnostic's target, marks each distinct target once, per document in one rewrite.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => MarkAllAsNodes.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        Solution solution = context.Document.Project.Solution;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // Binds the one type name of the attribute; the rewrite of the target's document happens when the fix is applied.
            if (Resolve(root, model, solution, diagnostic.Location.SourceSpan, context.CancellationToken) is not { } target)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Mark '{target.Name}' as [Node]", cancellationToken => MarkAsync(solution, new[] { target }, cancellationToken), MarkAsNodeKey),
                diagnostic);
        }
    }

    /// <summary>
    /// The declaration to mark for the <c>[Next]</c> at <paramref name="span"/>: the first source declaration of its target,
    /// when the target is a class that can become a node and every declaration of it is a document of <paramref name="solution"/>.
    /// </summary>
    private static Target? Resolve(SyntaxNode root, SemanticModel model, Solution solution, TextSpan span, CancellationToken cancellationToken)
    {
        if (root.FindNode(span).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute
            || TargetTypeSyntax(attribute) is not { } typeSyntax
            || model.GetTypeInfo(typeSyntax, cancellationToken).Type is not INamedTypeSymbol
            {
                TypeKind: TypeKind.Class, IsStatic: false, IsAbstract: false, IsGenericType: false, IsImplicitlyDeclared: false,
            } type
            || SymbolFacts.IsNodeOrGraph(type)
            || type.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        Target? first = null;
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (solution.GetDocument(reference.SyntaxTree) is not { } document
                || reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration
                || !PartialDeclarations.IsClassOrRecordClass(declaration))
            {
                return null; // a part in a generated file or outside the solution: not ours to edit
            }

            first ??= new Target(document.Id, declaration.Identifier.Span, type.Name);
        }

        return first;
    }

    /// <summary>The <c>T</c> of <c>[Next&lt;T&gt;(...)]</c>, or of the <c>typeof(T)</c> argument of <c>[Next(..., typeof(T))]</c>.</summary>
    private static TypeSyntax? TargetTypeSyntax(AttributeSyntax attribute)
    {
        SimpleNameSyntax? name = attribute.Name switch
        {
            SimpleNameSyntax simple => simple,
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax alias => alias.Name,
            _ => null,
        };
        if (name is GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } generic)
        {
            return generic.TypeArgumentList.Arguments[0];
        }

        return attribute.ArgumentList?.Arguments.Select(a => a.Expression).OfType<TypeOfExpressionSyntax>().FirstOrDefault()?.Type;
    }

    /// <summary>Marks each distinct target once: per document, one rewrite for all its targets.</summary>
    private static async Task<Solution> MarkAsync(Solution solution, IEnumerable<Target> targets, CancellationToken cancellationToken)
    {
        foreach (IGrouping<DocumentId, Target> group in targets.Distinct().GroupBy(t => t.Document))
        {
            if (solution.GetDocument(group.Key) is not { } document
                || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
                || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
            {
                continue;
            }

            var marked = new HashSet<TypeDeclarationSyntax>();
            var needPartial = new HashSet<TypeDeclarationSyntax>();
            foreach (Target target in group)
            {
                if (root.FindToken(target.Identifier.Start).Parent is TypeDeclarationSyntax declaration && declaration.Identifier.Span == target.Identifier)
                {
                    marked.Add(declaration);
                    needPartial.UnionWith(PartialDeclarations.MissingPartial(declaration));
                }
            }

            if (marked.Count == 0)
            {
                continue;
            }

            bool imported = marked.All(d => UsingDirectives.IsImported(model, d.SpanStart, "KayGraph", "NodeAttribute"));
            SyntaxTrivia newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            SyntaxNode newRoot = root.ReplaceNodes(
                marked.Concat(needPartial).Distinct(),
                (original, current) =>
                {
                    var declaration = (TypeDeclarationSyntax)current;
                    if (needPartial.Contains(original))
                    {
                        declaration = AddPartialCodeFix.AddPartial(declaration);
                    }

                    return marked.Contains(original) ? WithNodeAttribute(declaration, newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.LineFeed) : declaration;
                });
            if (!imported)
            {
                newRoot = UsingDirectives.Ensure(newRoot, "KayGraph");
            }

            solution = solution.WithDocumentSyntaxRoot(document.Id, newRoot);
        }

        return solution;
    }

    /// <summary>
    /// <c>[Node]</c> as the first attribute list, on a line of its own: it takes the declaration's leading trivia (comments,
    /// indentation) and the declaration continues on the next line at the same indentation.
    /// </summary>
    private static TypeDeclarationSyntax WithNodeAttribute(TypeDeclarationSyntax declaration, SyntaxTrivia newLine)
    {
        SyntaxTriviaList leading = declaration.GetLeadingTrivia();
        SyntaxTriviaList indentation = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        AttributeListSyntax node = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Node"))))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(newLine);
        declaration = declaration.WithLeadingTrivia(indentation);
        return declaration.WithAttributeLists(declaration.AttributeLists.Insert(0, node));
    }

    /// <summary>A declaration to mark: its document and the span of its identifier.</summary>
    private sealed record Target(DocumentId Document, TextSpan Identifier, string Name);

    /// <summary>Fix All: the targets of every KG0006 in scope, each marked once.</summary>
    private sealed class MarkAllAsNodes : FixAllProvider
    {
        public static readonly MarkAllAsNodes Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) => Task.FromResult<CodeAction?>(
            fixAllContext.CodeActionEquivalenceKey == MarkAsNodeKey
                ? CodeAction.Create("Mark every [Next] target as [Node]", cancellationToken => FixAllAsync(fixAllContext, cancellationToken), MarkAsNodeKey)
                : null);

        private static async Task<Solution> FixAllAsync(FixAllContext context, CancellationToken cancellationToken)
        {
            var targets = await FixAllScopes.ResolveAllAsync<Target>(
                context,
                DiagnosticIds.NextTargetNotNode,
                (root, model, diagnostic) => Resolve(root, model, context.Solution, diagnostic.Location.SourceSpan, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return await MarkAsync(context.Solution, targets, cancellationToken).ConfigureAwait(false);
        }
    }
}
