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
using Microsoft.CodeAnalysis.Text;

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
            if (Find(root, diagnostic.Location.SourceSpan) is not { } sleep)
            {
                continue;
            }

            // The token in scope names the first fix (a lookup of the locals and parameters around the call); both rewrites,
            // and the check that the document still binds, run when a fix is applied.
            TextSpan span = diagnostic.Location.SourceSpan;
            string? token = CancellationTokenScope.FindTokenName(sleep, model, context.CancellationToken);
            string title = token is null ? "Use 'await Task.Delay'" : $"Use 'await Task.Delay' with '{token}'";
            context.RegisterCodeFix(
                RewriteValidation.Lazy(
                    title,
                    context.Document,
                    (current, currentModel, cancellationToken) => Find(current, span) is { } s
                        ? ReplaceWithDelay(current, currentModel, s, CancellationTokenScope.FindTokenName(s, currentModel, cancellationToken))
                        : null,
                    AwaitDelayKey),
                diagnostic);

            if (token is null && PhaseOf(sleep) is { } phase)
            {
                context.RegisterCodeFix(
                    RewriteValidation.Lazy(
                        $"Add a CancellationToken parameter to '{phase.Identifier.ValueText}' and use 'await Task.Delay'",
                        context.Document,
                        (current, currentModel, _) => Find(current, span) is { } s && PhaseOf(s) is { } p ? AddTokenParameter(current, currentModel, p, s) : null,
                        AddTokenParameterKey),
                    diagnostic);
            }
        }
    }

    private static InvocationExpressionSyntax? Find(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true) is InvocationExpressionSyntax sleep && AwaitSyntax.CanAwaitAt(sleep) ? sleep : null;

    /// <summary>The phase method whose own body (not a lambda or local function in it) makes the call.</summary>
    private static MethodDeclarationSyntax? PhaseOf(InvocationExpressionSyntax sleep) =>
        sleep.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } phase && ReferenceEquals(NearestFunction(sleep), phase) ? phase : null;

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

    private static SyntaxNode ReplaceWithDelay(SyntaxNode root, SemanticModel model, InvocationExpressionSyntax sleep, string? token)
    {
        bool imported = UsingDirectives.IsImported(model, sleep.SpanStart, "System.Threading.Tasks", "Task");
        SyntaxNode newRoot = root.ReplaceNode(sleep, DelayFor(sleep, token));
        if (!imported)
        {
            newRoot = UsingDirectives.Ensure(newRoot, "System.Threading.Tasks");
        }

        return newRoot;
    }

    private static SyntaxNode AddTokenParameter(SyntaxNode root, SemanticModel model, MethodDeclarationSyntax phase, InvocationExpressionSyntax sleep)
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

        return newRoot;
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
