using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using KayGraph.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.CodeFixes;

/// <summary>Fixes KG1004: passes the token in scope, positionally or by name when optional parameters before it were left out.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PassCancellationTokenCodeFix))]
[Shared]
public sealed class PassCancellationTokenCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string PassTokenKey = "KG1004.PassToken";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.CancellationTokenNotPassed);

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
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.TokenName, out string? token)
                || token is null
                || Find(root, diagnostic.Location.SourceSpan) is null)
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(DiagnosticProperties.ParameterName, out string? parameterName);
            TextSpan span = diagnostic.Location.SourceSpan;
            context.RegisterCodeFix(
                RewriteValidation.Lazy(
                    $"Pass '{token}'",
                    context.Document,
                    (current, _, _) => Find(current, span) is { } call
                        ? current.ReplaceNode(call, call.WithArgumentList(ArgumentLists.Append(call.ArgumentList, ArgumentLists.TokenArgument(token, parameterName))))
                        : null,
                    PassTokenKey),
                diagnostic);
        }
    }

    private static InvocationExpressionSyntax? Find(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
}
