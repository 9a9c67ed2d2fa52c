using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using KayGraph.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.CodeFixes;

/// <summary>Fixes KG1003: <c>File.ReadAllText(path)</c> → <c>await File.ReadAllTextAsync(path, token)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncTwinCodeFix))]
[Shared]
public sealed class AsyncTwinCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string AwaitTwinKey = "KG1003.AwaitTwin";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.SyncCallWithAsyncTwin);

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
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.TwinName, out string? twinName)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call
                || !AwaitSyntax.CanAwaitAt(call))
            {
                continue;
            }

            bool takesToken = diagnostic.Properties.TryGetValue(DiagnosticProperties.TwinTakesToken, out string? value) && value == "true";
            string? token = takesToken ? CancellationTokenScope.FindTokenName(call, model, context.CancellationToken) : null;
            if (AwaitTwin(call, twinName!, token) is not { } replacement)
            {
                continue;
            }

            Document rewritten = context.Document.WithSyntaxRoot(root.ReplaceNode(call, replacement));
            if (await RewriteValidation.StillBindsAsync(context.Document, rewritten, context.CancellationToken).ConfigureAwait(false))
            {
                context.RegisterCodeFix(CodeAction.Create($"Use 'await {twinName}'", _ => Task.FromResult(rewritten), AwaitTwinKey), diagnostic);
            }
        }
    }

    /// <summary><c>await receiver.MAsync(arguments[, token])</c> for a call of <c>M</c>, or <see langword="null"/>.</summary>
    internal static ExpressionSyntax? AwaitTwin(InvocationExpressionSyntax call, string twinName, string? token)
    {
        if (InvocationNames.Rename(call, twinName) is not { } twin)
        {
            return null;
        }

        if (token is not null)
        {
            twin = twin.WithArgumentList(ArgumentLists.Append(twin.ArgumentList, ArgumentLists.TokenArgument(token)));
        }

        return AwaitSyntax.Await(twin, call);
    }
}
