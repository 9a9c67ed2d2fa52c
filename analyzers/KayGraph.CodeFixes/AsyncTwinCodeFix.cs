using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

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
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.TwinName, out string? twinName)
                || twinName is null
                || Find(root, diagnostic.Location.SourceSpan) is null)
            {
                continue;
            }

            bool takesToken = diagnostic.Properties.TryGetValue(DiagnosticProperties.TwinTakesToken, out string? value) && value == "true";
            TextSpan span = diagnostic.Location.SourceSpan;
            context.RegisterCodeFix(
                RewriteValidation.Lazy($"Use 'await {twinName}'", context.Document, (current, model, cancellationToken) => Rewrite(current, model, span, twinName, takesToken, cancellationToken), AwaitTwinKey),
                diagnostic);
        }
    }

    private static InvocationExpressionSyntax? Find(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true) is InvocationExpressionSyntax call && AwaitSyntax.CanAwaitAt(call) ? call : null;

    private static SyntaxNode? Rewrite(SyntaxNode root, SemanticModel model, TextSpan span, string twinName, bool takesToken, CancellationToken cancellationToken)
    {
        if (Find(root, span) is not { } call)
        {
            return null;
        }

        string? token = takesToken ? CancellationTokenScope.FindTokenName(call, model, cancellationToken) : null;
        return AwaitTwin(call, twinName, token) is { } replacement ? root.ReplaceNode(call, replacement) : null;
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
