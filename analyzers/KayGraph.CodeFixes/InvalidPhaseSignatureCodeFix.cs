using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes the one KG0013 shape whose fix is unambiguous: a phase that is <c>static</c> ('Load.Exec' is static; phases are
/// instance methods) becomes an instance method — <c>static</c> is removed, its trivia kept. Offered when the phase is the
/// only method of its name in the class (an overload is a different KG0013) and nothing in the document names it (phases
/// are called by the generated glue; a static caller would stop compiling); applied only when the document still binds.
/// The other KG0013 shapes (a wrong parameter order, return type, a generic or overloaded phase...) and KG0002 (both
/// <c>Exec</c> and <c>ExecAsync</c>: which one to keep?) have no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InvalidPhaseSignatureCodeFix))]
[Shared]
public sealed class InvalidPhaseSignatureCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix that removes <c>static</c> from a phase.</summary>
    public const string RemoveStaticKey = "KG0013.RemoveStatic";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.InvalidPhaseSignature);

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
            if (FindStaticPhase(root, diagnostic.Location.SourceSpan) is not { } method
                || model.GetDeclaredSymbol(method, context.CancellationToken) is not { } symbol
                || symbol.ContainingType.GetMembers(symbol.Name).Length != 1
                || RenameToAsyncPhaseCodeFix.IsReferenced(root, symbol.Name))
            {
                continue;
            }

            TextSpan span = diagnostic.Location.SourceSpan;
            context.RegisterCodeFix(
                RewriteValidation.Lazy(
                    $"Make '{symbol.Name}' an instance method",
                    context.Document,
                    (current, _, _) => FindStaticPhase(current, span) is { } m ? current.ReplaceNode(m, RemoveStatic(m)) : null,
                    RemoveStaticKey),
                diagnostic);
        }
    }

    /// <summary>The static phase method whose identifier is <paramref name="span"/>.</summary>
    private static MethodDeclarationSyntax? FindStaticPhase(SyntaxNode root, TextSpan span) =>
        root.FindToken(span.Start).Parent is MethodDeclarationSyntax method
        && method.Identifier.Span == span
        && method.Modifiers.Any(SyntaxKind.StaticKeyword)
        && PhaseNames.IsPhase(method.Identifier.ValueText)
            ? method
            : null;

    /// <summary>Removes <c>static</c>; its leading trivia (indentation, comments) moves to the token that follows it.</summary>
    private static MethodDeclarationSyntax RemoveStatic(MethodDeclarationSyntax method)
    {
        SyntaxTokenList modifiers = method.Modifiers;
        int index = modifiers.IndexOf(SyntaxKind.StaticKeyword);
        SyntaxTriviaList leading = modifiers[index].LeadingTrivia;
        modifiers = modifiers.RemoveAt(index);
        if (index < modifiers.Count)
        {
            return method.WithModifiers(modifiers.Replace(modifiers[index], modifiers[index].WithLeadingTrivia(leading.AddRange(modifiers[index].LeadingTrivia))));
        }

        return method.WithModifiers(modifiers).WithReturnType(method.ReturnType.WithLeadingTrivia(leading.AddRange(method.ReturnType.GetLeadingTrivia())));
    }
}
