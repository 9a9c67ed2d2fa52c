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
using Microsoft.CodeAnalysis.Text;

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
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (Edit(root, diagnostic.Location.SourceSpan) is null)
            {
                continue;
            }

            TextSpan span = diagnostic.Location.SourceSpan;
            context.RegisterCodeFix(RewriteValidation.Lazy("Return 'Task'", context.Document, (current, model, _) => Rewrite(current, model, span), ReturnTaskKey), diagnostic);
        }
    }

    /// <summary>
    /// The retyping edit at <paramref name="span"/>, or <see langword="null"/>: a method or local function that the document
    /// uses other than by calling it (a method group given to an event or a delegate whose type is imposed) keeps <c>void</c>.
    /// </summary>
    private static (SyntaxNode Old, SyntaxNode New)? Edit(SyntaxNode root, TextSpan span) => root.FindToken(span.Start).Parent switch
    {
        MethodDeclarationSyntax method when !IsUsedAsValue(root, method.Identifier.ValueText) => (method, method.WithReturnType(TaskType(method.ReturnType))),
        LocalFunctionStatementSyntax local when !IsUsedAsValue(root, local.Identifier.ValueText) => (local, local.WithReturnType(TaskType(local.ReturnType))),
        AnonymousFunctionExpressionSyntax lambda => RetypeLocal(lambda),
        _ => null,
    };

    private static SyntaxNode? Rewrite(SyntaxNode root, SemanticModel model, TextSpan span)
    {
        if (Edit(root, span) is not { } edit)
        {
            return null;
        }

        SyntaxNode newRoot = root.ReplaceNode(edit.Old, edit.New);
        return UsingDirectives.IsImported(model, span.Start, "System.Threading.Tasks", "Task") ? newRoot : UsingDirectives.Ensure(newRoot, "System.Threading.Tasks");
    }

    /// <summary>Whether a name <paramref name="name"/> appears in <paramref name="root"/> other than as the callee of an invocation.</summary>
    private static bool IsUsedAsValue(SyntaxNode root, string name)
    {
        foreach (SyntaxNode node in root.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name)
            {
                continue;
            }

            SyntaxNode callee = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
            if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee)
            {
                return true;
            }
        }

        return false;
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
