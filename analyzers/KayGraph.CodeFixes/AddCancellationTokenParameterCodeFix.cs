using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes KG1010: adds a trailing <c>CancellationToken cancellationToken</c> parameter to the async phase (and
/// <c>using System.Threading;</c> when needed), and passes it to every call of the phase that accepts a token — the calls
/// KG1004 would report once the phase has one, rewritten as the KG1004 fix does. The rewrite is computed when the fix is
/// applied; a phase whose rewrite would add a compiler error is left as it is.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCancellationTokenParameterCodeFix))]
[Shared]
public sealed class AddCancellationTokenParameterCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string AddTokenParameterKey = "KG1010.AddTokenParameter";

    private const string ParameterName = "cancellationToken";

    private static readonly FixAllProvider FixAll = FixAllProvider.Create(
        (fixAllContext, document, diagnostics) => FixPhasesAsync(document, diagnostics.Select(d => d.Location.SourceSpan), fixAllContext.CancellationToken));

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.CancellationTokenParameterMissing);

    /// <inheritdoc />
    /// <remarks>One rewrite per document for all its phases, so that the <c>using</c> directive is added once.</remarks>
    public override FixAllProvider GetFixAllProvider() => FixAll;

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
            if (FindPhase(root, diagnostic.Location.SourceSpan) is not { } phase)
            {
                continue;
            }

            Document document = context.Document;
            TextSpan span = diagnostic.Location.SourceSpan;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add a CancellationToken parameter to '{phase.Identifier.ValueText}'",
                    async cancellationToken => await FixPhasesAsync(document, [span], cancellationToken).ConfigureAwait(false) ?? document,
                    AddTokenParameterKey),
                diagnostic);
        }
    }

    /// <summary>Adds the token parameter to each phase named at <paramref name="spans"/> in <paramref name="document"/>.</summary>
    private static async Task<Document?> FixPhasesAsync(Document document, IEnumerable<TextSpan> spans, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var phases = new Dictionary<MethodDeclarationSyntax, SyntaxAnnotation>();
        foreach (TextSpan span in spans)
        {
            if (FindPhase(root, span) is { } phase && !phases.ContainsKey(phase))
            {
                phases.Add(phase, new SyntaxAnnotation());
            }
        }

        Document original = document;
        Document current = document.WithSyntaxRoot(root.ReplaceNodes(phases.Keys, (node, rewritten) => rewritten.WithAdditionalAnnotations(phases[node])));
        foreach (SyntaxAnnotation annotation in phases.Values)
        {
            // One phase at a time, each checked: a phase whose rewrite does not bind is skipped, the others still fixed.
            if (await AddTokenParameterAsync(current, annotation, cancellationToken).ConfigureAwait(false) is { } next
                && await RewriteValidation.StillBindsAsync(current, next, cancellationToken).ConfigureAwait(false))
            {
                current = next;
            }
        }

        return current == original ? null : current;
    }

    private static async Task<Document?> AddTokenParameterAsync(Document document, SyntaxAnnotation phaseAnnotation, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || root.GetAnnotatedNodes(phaseAnnotation).FirstOrDefault() is not MethodDeclarationSyntax phase)
        {
            return null;
        }

        KnownSymbols known = KnownSymbols.From(model.Compilation);
        if (model.GetDeclaredSymbol(phase, cancellationToken) is not { } symbol || !CancellationTokenParameterMissingAnalyzer.CouldTakeToken(symbol, known))
        {
            return null;
        }

        string token = UniqueName(phase);
        AnalyzerOptions options = document.Project.AnalyzerOptions;
        var calls = new Dictionary<InvocationExpressionSyntax, string>();
        foreach (InvocationExpressionSyntax call in phase.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetOperation(call, cancellationToken) is IInvocationOperation invocation
                && TokenAcceptingCalls.FindMissingPhaseToken(invocation, call, model, known, options, cancellationToken) is { } parameterName)
            {
                calls.Add(call, parameterName);
            }
        }

        if (calls.Count == 0)
        {
            return null;
        }

        // Nested calls ('Outer(await Inner(x))') are both rewritten: the replacement of the outer call starts from its rewritten inner part.
        MethodDeclarationSyntax rewritten = phase.ReplaceNodes(
            calls.Keys,
            (call, current) => current.WithArgumentList(ArgumentLists.Append(current.ArgumentList, ArgumentLists.TokenArgument(token, calls[call].Length > 0 ? calls[call] : null))));
        ParameterSyntax parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(token))
            .WithType(SyntaxFactory.IdentifierName("CancellationToken").WithTrailingTrivia(SyntaxFactory.Space));
        rewritten = rewritten.WithParameterList(ArgumentLists.Append(rewritten.ParameterList, parameter));
        SyntaxNode newRoot = root.ReplaceNode(phase, rewritten);
        if (!UsingDirectives.IsImported(model, phase.SpanStart, "System.Threading", "CancellationToken"))
        {
            newRoot = UsingDirectives.Ensure(newRoot, "System.Threading");
        }

        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary><c>cancellationToken</c>, or <c>cancellationToken2</c>, ... when the phase already uses that name.</summary>
    private static string UniqueName(MethodDeclarationSyntax phase)
    {
        var used = new HashSet<string>(phase.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
        string name = ParameterName;
        for (int i = 2; used.Contains(name); i++)
        {
            name = ParameterName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    private static MethodDeclarationSyntax? FindPhase(SyntaxNode root, TextSpan span) =>
        root.FindToken(span.Start).Parent is MethodDeclarationSyntax method && method.Identifier.Span == span ? method : null;
}
