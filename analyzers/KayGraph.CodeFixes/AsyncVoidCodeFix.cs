using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using KayGraph.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes KG1005: <c>async void M()</c> → <c>async Task M()</c>; a lambda assigned to a local of type <c>Action</c> /
/// <c>Action&lt;T...&gt;</c> gets the local retyped to <c>Func&lt;Task&gt;</c> / <c>Func&lt;T..., Task&gt;</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidCodeFix))]
[Shared]
public sealed class AsyncVoidCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string ReturnTaskKey = "KG1005.ReturnTask";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.AsyncVoid);

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
            SyntaxNode? node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
            (SyntaxNode Old, SyntaxNode New)? edit = node switch
            {
                MethodDeclarationSyntax method => (method, method.WithReturnType(TaskType(method.ReturnType))),
                LocalFunctionStatementSyntax local => (local, local.WithReturnType(TaskType(local.ReturnType))),
                AnonymousFunctionExpressionSyntax lambda => RetypeLocal(lambda),
                _ => null,
            };
            if (edit is null)
            {
                continue;
            }

            SyntaxNode newRoot = root.ReplaceNode(edit.Value.Old, edit.Value.New);
            if (!UsingDirectives.IsImported(model, diagnostic.Location.SourceSpan.Start, "System.Threading.Tasks", "Task"))
            {
                newRoot = UsingDirectives.Ensure(newRoot, "System.Threading.Tasks");
            }

            Document rewritten = context.Document.WithSyntaxRoot(newRoot);
            if (await RewriteValidation.StillBindsAsync(context.Document, rewritten, context.CancellationToken).ConfigureAwait(false))
            {
                context.RegisterCodeFix(CodeAction.Create("Return 'Task'", _ => Task.FromResult(rewritten), ReturnTaskKey), diagnostic);
            }
        }
    }

    private static TypeSyntax TaskType(TypeSyntax replaced) => SyntaxFactory.IdentifierName("Task").WithTriviaFrom(replaced);

    private static (SyntaxNode Old, SyntaxNode New)? RetypeLocal(AnonymousFunctionExpressionSyntax lambda)
    {
        if (lambda.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } declaration } })
        {
            return null;
        }

        TypeSyntax? funcType = declaration.Type switch
        {
            IdentifierNameSyntax { Identifier.ValueText: "Action" } => SyntaxFactory.GenericName(SyntaxFactory.Identifier("Func"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList<TypeSyntax>(SyntaxFactory.IdentifierName("Task")))),
            GenericNameSyntax { Identifier.ValueText: "Action" } action => SyntaxFactory.GenericName(
                SyntaxFactory.Identifier("Func"),
                SyntaxFactory.TypeArgumentList(SyntaxFactory.SeparatedList(
                    action.TypeArgumentList.Arguments.Select(a => a.WithoutTrivia()).Append(SyntaxFactory.IdentifierName("Task")),
                    Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), action.TypeArgumentList.Arguments.Count)))),
            _ => null,
        };
        return funcType is null ? null : (declaration, declaration.WithType(funcType.WithTriviaFrom(declaration.Type)));
    }
}
