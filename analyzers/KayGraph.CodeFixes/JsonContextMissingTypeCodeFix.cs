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
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes KG0018: adds <c>[JsonSerializable(typeof(T))]</c> for the missing type to the graph's <c>Json</c> context, in
/// whichever document declares it — after the part's last <c>[JsonSerializable]</c>, or as its first attribute — the type
/// name simplified there and the attribute qualified when <c>System.Text.Json.Serialization</c> is not imported. Offered
/// when the context is a class declared in source of the same solution.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(JsonContextMissingTypeCodeFix))]
[Shared]
public sealed class JsonContextMissingTypeCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string AddJsonSerializableKey = "KG0018.AddJsonSerializable";

    private const string SerializationNamespace = "System.Text.Json.Serialization";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.JsonContextMissingType);

    /// <inheritdoc />
    /// <remarks>
    /// Not the batch fixer: the edits land in the contexts' documents, and several graphs (or diagnostics) may need one type
    /// on one context. Fix All adds each distinct type once per context.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => AddAllJsonSerializable.Instance;

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
            if (Resolve(root, model, solution, diagnostic, context.CancellationToken) is not { } addition)
            {
                continue;
            }

            string shortName = addition.Type.Replace("global::", string.Empty);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add [JsonSerializable(typeof({shortName}))] to '{addition.ContextName}'",
                    cancellationToken => AddAsync(solution, new[] { addition }, cancellationToken),
                    AddJsonSerializableKey),
                diagnostic);
        }
    }

    /// <summary>The context declaration to extend for the diagnostic's <c>Json = typeof(...)</c> argument, and the type to list.</summary>
    private static Addition? Resolve(SyntaxNode root, SemanticModel model, Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(DurableStateChecks.TypeProperty, out string? type) || type is null
            || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { Expression: TypeOfExpressionSyntax typeOf }
            || model.GetTypeInfo(typeOf.Type, cancellationToken).Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } context
            || context.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        Addition? first = null;
        Addition? listing = null;
        foreach (SyntaxReference reference in context.DeclaringSyntaxReferences)
        {
            if (solution.GetDocument(reference.SyntaxTree) is not { } document || reference.GetSyntax(cancellationToken) is not ClassDeclarationSyntax declaration)
            {
                return null; // a part in a generated file or outside the solution: not ours to edit
            }

            var addition = new Addition(document.Id, declaration.Identifier.Span, context.Name, type);
            first ??= addition;
            if (listing is null && declaration.AttributeLists.SelectMany(l => l.Attributes).Any(IsJsonSerializable))
            {
                listing = addition;
            }
        }

        return listing ?? first;
    }

    private static bool IsJsonSerializable(AttributeSyntax attribute) =>
        attribute.Name.ToString() is var name && (name.EndsWith("JsonSerializable", System.StringComparison.Ordinal) || name.EndsWith("JsonSerializableAttribute", System.StringComparison.Ordinal));

    /// <summary>Adds each distinct (context, type) once: per document, one rewrite.</summary>
    private static async Task<Solution> AddAsync(Solution solution, IEnumerable<Addition> additions, CancellationToken cancellationToken)
    {
        foreach (IGrouping<DocumentId, Addition> group in additions.Distinct().GroupBy(a => a.Document))
        {
            if (solution.GetDocument(group.Key) is not { } document
                || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
                || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
            {
                continue;
            }

            var types = new Dictionary<ClassDeclarationSyntax, List<string>>();
            foreach (Addition addition in group)
            {
                if (root.FindToken(addition.Identifier.Start).Parent is ClassDeclarationSyntax declaration && declaration.Identifier.Span == addition.Identifier)
                {
                    if (!types.TryGetValue(declaration, out List<string>? list))
                    {
                        types[declaration] = list = new List<string>();
                    }

                    if (!list.Contains(addition.Type))
                    {
                        list.Add(addition.Type);
                    }
                }
            }

            if (types.Count == 0)
            {
                continue;
            }

            SyntaxTrivia newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            SyntaxNode newRoot = root.ReplaceNodes(
                types.Keys,
                (original, current) =>
                {
                    bool imported = UsingDirectives.IsImported(model, original.SpanStart, SerializationNamespace, "JsonSerializableAttribute");
                    return WithJsonSerializable((ClassDeclarationSyntax)current, types[original], imported, newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.LineFeed);
                });
            solution = solution.WithDocumentSyntaxRoot(document.Id, newRoot);
        }

        return solution;
    }

    /// <summary>One <c>[JsonSerializable(typeof(T))]</c> list per type, each on its own line at the declaration's indentation.</summary>
    private static ClassDeclarationSyntax WithJsonSerializable(ClassDeclarationSyntax declaration, List<string> types, bool imported, SyntaxTrivia newLine)
    {
        SyntaxTriviaList leading = declaration.GetLeadingTrivia();
        SyntaxTriviaList indentation = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        NameSyntax name = imported ? SyntaxFactory.IdentifierName("JsonSerializable") : SyntaxFactory.ParseName(SerializationNamespace + ".JsonSerializable");
        List<AttributeListSyntax> lists = types
            .Select(type => SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(
                    name,
                    SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(
                        SyntaxFactory.TypeOfExpression(SyntaxFactory.ParseTypeName(type).WithAdditionalAnnotations(Simplifier.Annotation))))))))
                .WithLeadingTrivia(indentation)
                .WithTrailingTrivia(newLine))
            .ToList();

        int last = -1;
        for (int i = 0; i < declaration.AttributeLists.Count; i++)
        {
            if (declaration.AttributeLists[i].Attributes.Any(IsJsonSerializable))
            {
                last = i;
            }
        }

        if (last >= 0)
        {
            return declaration.WithAttributeLists(declaration.AttributeLists.InsertRange(last + 1, lists));
        }

        // As the first attribute: it takes the declaration's leading trivia (comments, indentation).
        lists[0] = lists[0].WithLeadingTrivia(leading);
        declaration = declaration.WithLeadingTrivia(indentation);
        return declaration.WithAttributeLists(declaration.AttributeLists.InsertRange(0, lists));
    }

    /// <summary>A type to list on a context declaration: its document, the span of its identifier, the type (<c>global::</c>).</summary>
    private sealed record Addition(DocumentId Document, TextSpan Identifier, string ContextName, string Type);

    /// <summary>Fix All: the missing types of every KG0018 in scope, each added once per context.</summary>
    private sealed class AddAllJsonSerializable : FixAllProvider
    {
        public static readonly AddAllJsonSerializable Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) => Task.FromResult<CodeAction?>(
            fixAllContext.CodeActionEquivalenceKey == AddJsonSerializableKey
                ? CodeAction.Create("Add every missing [JsonSerializable] to the Json contexts", cancellationToken => FixAllAsync(fixAllContext, cancellationToken), AddJsonSerializableKey)
                : null);

        private static async Task<Solution> FixAllAsync(FixAllContext context, CancellationToken cancellationToken)
        {
            var additions = await FixAllScopes.ResolveAllAsync<Addition>(
                context,
                DiagnosticIds.JsonContextMissingType,
                (root, model, diagnostic) => Resolve(root, model, context.Solution, diagnostic, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return await AddAsync(context.Solution, additions, cancellationToken).ConfigureAwait(false);
        }
    }
}
