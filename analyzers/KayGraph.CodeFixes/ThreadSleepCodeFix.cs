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

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes KG1001: <c>Thread.Sleep(x)</c> → <c>await Task.Delay(x, token)</c> with the token in scope; a second fix adds a
/// <c>CancellationToken</c> parameter to the phase when it has none, and passes it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ThreadSleepCodeFix))]
[Shared]
public sealed class ThreadSleepCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix that awaits <c>Task.Delay</c>.</summary>
    public const string AwaitDelayKey = "KG1001.AwaitTaskDelay";

    /// <summary>Equivalence key of the fix that also adds a token parameter to the phase.</summary>
    public const string AddTokenParameterKey = "KG1001.AddCancellationTokenParameter";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ThreadSleepInAsyncPhase);

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
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax sleep || !AwaitSyntax.CanAwaitAt(sleep))
            {
                continue;
            }

            string? token = CancellationTokenScope.FindTokenName(sleep, model, context.CancellationToken);
            Document delay = ReplaceWithDelay(context.Document, root, model, sleep, token);
            if (await RewriteValidation.StillBindsAsync(context.Document, delay, context.CancellationToken).ConfigureAwait(false))
            {
                string title = token is null ? "Use 'await Task.Delay'" : $"Use 'await Task.Delay' with '{token}'";
                context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(delay), AwaitDelayKey), diagnostic);
            }

            if (token is null && sleep.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } phase && ReferenceEquals(NearestFunction(sleep), phase))
            {
                Document withParameter = AddTokenParameter(context.Document, root, model, phase, sleep);
                if (await RewriteValidation.StillBindsAsync(context.Document, withParameter, context.CancellationToken).ConfigureAwait(false))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create($"Add a CancellationToken parameter to '{phase.Identifier.ValueText}' and use 'await Task.Delay'", _ => Task.FromResult(withParameter), AddTokenParameterKey),
                        diagnostic);
                }
            }
        }
    }

    /// <summary>Builds <c>await Task.Delay(arguments[, token])</c> from a <c>Thread.Sleep</c> invocation.</summary>
    internal static ExpressionSyntax DelayFor(InvocationExpressionSyntax sleep, string? token)
    {
        ArgumentListSyntax arguments = sleep.ArgumentList;
        if (token is not null)
        {
            arguments = ArgumentLists.Append(arguments, ArgumentLists.TokenArgument(token));
        }

        InvocationExpressionSyntax delay = SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression("Task.Delay"), arguments);
        return AwaitSyntax.Await(delay, sleep);
    }

    private static Document ReplaceWithDelay(Document document, SyntaxNode root, SemanticModel model, InvocationExpressionSyntax sleep, string? token)
    {
        bool imported = UsingDirectives.IsImported(model, sleep.SpanStart, "System.Threading.Tasks", "Task");
        SyntaxNode newRoot = root.ReplaceNode(sleep, DelayFor(sleep, token));
        if (!imported)
        {
            newRoot = UsingDirectives.Ensure(newRoot, "System.Threading.Tasks");
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static Document AddTokenParameter(Document document, SyntaxNode root, SemanticModel model, MethodDeclarationSyntax phase, InvocationExpressionSyntax sleep)
    {
        string name = UniqueParameterName(phase);
        bool tasksImported = UsingDirectives.IsImported(model, sleep.SpanStart, "System.Threading.Tasks", "Task");
        bool threadingImported = UsingDirectives.IsImported(model, sleep.SpanStart, "System.Threading", "CancellationToken");
        ParameterSyntax parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name))
            .WithType(SyntaxFactory.ParseTypeName("CancellationToken").WithTrailingTrivia(SyntaxFactory.Space));
        MethodDeclarationSyntax newPhase = phase.ReplaceNode(sleep, DelayFor(sleep, name));
        newPhase = newPhase.WithParameterList(ArgumentLists.Append(newPhase.ParameterList, parameter));
        SyntaxNode newRoot = root.ReplaceNode(phase, newPhase);
        if (!tasksImported)
        {
            newRoot = UsingDirectives.Ensure(newRoot, "System.Threading.Tasks");
        }

        if (!threadingImported)
        {
            newRoot = UsingDirectives.Ensure(newRoot, "System.Threading");
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static string UniqueParameterName(MethodDeclarationSyntax phase)
    {
        const string baseName = "cancellationToken";
        string name = baseName;
        for (int i = 1; phase.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name) || ContainsIdentifier(phase, name); i++)
        {
            name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    private static bool ContainsIdentifier(SyntaxNode node, string name)
    {
        foreach (SyntaxToken token in node.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    private static SyntaxNode? NearestFunction(SyntaxNode node)
    {
        for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MethodDeclarationSyntax)
            {
                return current;
            }
        }

        return null;
    }
}
