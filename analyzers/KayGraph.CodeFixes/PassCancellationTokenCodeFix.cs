using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using KayGraph.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call)
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(DiagnosticProperties.ParameterName, out string? parameterName);
            InvocationExpressionSyntax passed = call.WithArgumentList(ArgumentLists.Append(call.ArgumentList, ArgumentLists.TokenArgument(token, parameterName)));
            Document rewritten = context.Document.WithSyntaxRoot(root.ReplaceNode(call, passed));
            if (await RewriteValidation.StillBindsAsync(context.Document, rewritten, context.CancellationToken).ConfigureAwait(false))
            {
                context.RegisterCodeFix(CodeAction.Create($"Pass '{token}'", _ => Task.FromResult(rewritten), PassTokenKey), diagnostic);
            }
        }
    }
}
