using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.CodeFixes;

/// <summary>
/// Fixes KG0011: replaces an out-of-range literal by the nearest valid value — <c>MaxRetries = 0</c> → <c>MaxRetries = 1</c>,
/// <c>WaitMilliseconds = -5</c> → <c>WaitMilliseconds = 0</c>, <c>MaxConcurrency = 0</c> → <c>MaxConcurrency = 1</c>. Only a
/// numeric literal (possibly negated) is replaced: a constant or an expression is the user's to change where it is defined.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InvalidAttributeArgumentCodeFix))]
[Shared]
public sealed class InvalidAttributeArgumentCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key of the fix.</summary>
    public const string UseNearestValidValueKey = "KG0011.UseNearestValidValue";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.InvalidAttributeArgument);

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
            if (Find(root, diagnostic.Location.SourceSpan) is not ({ } argument, { } value))
            {
                continue;
            }

            Document document = context.Document;
            TextSpan span = diagnostic.Location.SourceSpan;
            string name = argument.NameEquals!.Name.Identifier.ValueText;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use {name} = {value.ToString(CultureInfo.InvariantCulture)}",
                    async cancellationToken =>
                    {
                        SyntaxNode? current = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                        return current is not null && Find(current, span) is ({ } a, { } v)
                            ? document.WithSyntaxRoot(current.ReplaceNode(a.Expression, SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(v)).WithTriviaFrom(a.Expression)))
                            : document;
                    },
                    UseNearestValidValueKey),
                diagnostic);
        }
    }

    /// <summary>The named argument at <paramref name="span"/> with a literal value, and the nearest valid value for its name.</summary>
    private static (AttributeArgumentSyntax? Argument, int? Value) Find(SyntaxNode root, TextSpan span)
    {
        if (root.FindNode(span) is not AttributeArgumentSyntax { NameEquals: { } nameEquals } argument || !IsNumericLiteral(argument.Expression))
        {
            return (null, null);
        }

        int? value = nameEquals.Name.Identifier.ValueText switch
        {
            "MaxRetries" => 1,
            "WaitMilliseconds" => 0,
            "MaxConcurrency" => 1,
            _ => null,
        };
        return value is null ? (null, null) : (argument, value);
    }

    private static bool IsNumericLiteral(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.NumericLiteralExpression),
        PrefixUnaryExpressionSyntax { Operand: var operand } unary => unary.IsKind(SyntaxKind.UnaryMinusExpression) && IsNumericLiteral(operand),
        ParenthesizedExpressionSyntax parenthesized => IsNumericLiteral(parenthesized.Expression),
        _ => false,
    };
}
