using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes KG0014 when exactly one store type is in reach: adds <c>Shared = typeof(S)</c> to the graph's attribute. The store
/// types in reach are the distinct shared types of the compilation's nodes and graphs as the generator's parser reads them
/// (<see cref="NodeModel.SharedType"/>): the first parameter of a node's <c>Prep</c>, <c>Post</c> or <c>OnError</c>
/// (or their async forms), a graph's explicit <c>Shared = typeof(...)</c>, a batch graph's <c>Prep</c> parameter. None or
/// several: no fix, the choice is the user's.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SharedTypeUnknownCodeFix))]
[Shared]
public sealed class SharedTypeUnknownCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string SetSharedKey = "KG0014.SetShared";

    /// <summary>The store types in reach of one compilation, computed once while the compilation lives.</summary>
    private static readonly ConditionalWeakTable<Compilation, IReadOnlyList<string>> Candidates = new();

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.SharedTypeUnknown);

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
            // Declaration-level reads only (the graph's attribute, the phase signatures of the compilation's nodes); the
            // candidates are cached per compilation, so the light bulb of the next graph costs nothing.
            if (FindAttribute(root, model, diagnostic.Location.SourceSpan, context.CancellationToken) is not { } attribute
                || StoreTypesInReach(model.Compilation, context.CancellationToken) is not { Count: 1 } candidates)
            {
                continue;
            }

            Document document = context.Document;
            TextSpan span = attribute.Span;
            string shared = candidates[0];
            string shortName = SyntaxFactory.ParseTypeName(shared) is var parsed && parsed is QualifiedNameSyntax qualified ? qualified.Right.ToString() : parsed.ToString().Replace("global::", string.Empty);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Set Shared = typeof({shortName})",
                    async cancellationToken =>
                    {
                        SyntaxNode? current = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                        return current?.FindNode(span) is AttributeSyntax found && !HasShared(found)
                            ? document.WithSyntaxRoot(current.ReplaceNode(found, WithShared(found, shared)))
                            : document;
                    },
                    SetSharedKey),
                diagnostic);
        }
    }

    /// <summary>
    /// The distinct <see cref="NodeModel.SharedType"/> values of every node and graph class declared in the
    /// compilation's source, read by <see cref="NodeParser"/> as the generator and the declaration analyzer read them.
    /// </summary>
    internal static IReadOnlyList<string> StoreTypesInReach(Compilation compilation, CancellationToken cancellationToken)
    {
        if (Candidates.TryGetValue(compilation, out IReadOnlyList<string>? cached))
        {
            return cached;
        }

        var types = new SortedSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            INamespaceOrTypeSymbol current = pending.Pop();
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    pending.Push(ns);
                }
                else if (member is INamedTypeSymbol type)
                {
                    pending.Push(type);
                    if (type.TypeKind == TypeKind.Class && SharedTypeOf(type, compilation, cancellationToken) is { } shared)
                    {
                        types.Add(shared);
                    }
                }
            }
        }

        IReadOnlyList<string> result = types.ToArray();
        return Candidates.GetValue(compilation, _ => result);
    }

    private static string? SharedTypeOf(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolFacts.KindOf(attribute.AttributeClass) is { } kind
                && attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is { Parent.Parent: TypeDeclarationSyntax declaration }
                && PartialDeclarations.IsClassOrRecordClass(declaration)
                && NodeParser.Parse(type, declaration, attribute, kind, compilation, cancellationToken).Model?.SharedType is { } shared)
            {
                // typeof takes the type without its nullable annotation (a store is a reference type).
                return shared.EndsWith("?", System.StringComparison.Ordinal) ? shared.Substring(0, shared.Length - 1) : shared;
            }
        }

        return null;
    }

    /// <summary>The graph attribute of the class whose identifier is <paramref name="span"/>, when it sets no <c>Shared</c> yet.</summary>
    private static AttributeSyntax? FindAttribute(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
    {
        if (root.FindToken(span.Start).Parent is not TypeDeclarationSyntax declaration
            || declaration.Identifier.Span != span
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } graph)
        {
            return null;
        }

        foreach (AttributeData attribute in graph.GetAttributes())
        {
            if (SymbolFacts.KindOf(attribute.AttributeClass) is NodeKind.Graph or NodeKind.BatchGraph or NodeKind.ParallelBatchGraph
                && attribute.ApplicationSyntaxReference is { } reference
                && reference.SyntaxTree == root.SyntaxTree
                && reference.GetSyntax(cancellationToken) is AttributeSyntax syntax
                && !HasShared(syntax))
            {
                return syntax;
            }
        }

        return null;
    }

    private static bool HasShared(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments.Any(a => a.NameEquals?.Name.Identifier.ValueText == "Shared") == true;

    /// <summary><c>[Graph(typeof(Start))]</c> → <c>[Graph(typeof(Start), Shared = typeof(S))]</c>, the type simplified where it is written.</summary>
    private static AttributeSyntax WithShared(AttributeSyntax attribute, string shared)
    {
        AttributeArgumentSyntax argument = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Shared").WithTrailingTrivia(SyntaxFactory.Space), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space)),
            null,
            SyntaxFactory.TypeOfExpression(SyntaxFactory.ParseTypeName(shared).WithAdditionalAnnotations(Simplifier.Annotation)));
        AttributeArgumentListSyntax list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = list.Arguments.Count == 0
            ? SyntaxFactory.SingletonSeparatedList(argument)
            : SyntaxFactory.SeparatedList<AttributeArgumentSyntax>(list.Arguments.GetWithSeparators().Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space)).Add(argument));
        return attribute.WithArgumentList(list.WithArguments(arguments));
    }
}
