using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>
/// KG1007: a string literal returned from <c>Post</c>/<c>PostAsync</c> of a node that declares at least one action, when none
/// of its <c>[Next]</c> or <c>[End]</c> declares it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UndeclaredActionAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.UndeclaredActionReturned);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols known = KnownSymbols.From(start.Compilation);
            if (known.NodeAttribute is not null)
            {
                start.RegisterSyntaxNodeAction(node => Analyze(node, known), SyntaxKind.ReturnStatement, SyntaxKind.ArrowExpressionClause);
            }
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, KnownSymbols known)
    {
        ExpressionSyntax? returned = context.Node switch
        {
            ReturnStatementSyntax statement => statement.Expression,
            ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax } arrow => arrow.Expression,
            _ => null,
        };
        if (returned is null)
        {
            return;
        }

        List<LiteralExpressionSyntax> literals = ReturnedLiterals(returned);
        if (literals.Count == 0
            || !FunctionScope.TryCreate(returned, out FunctionScope scope)
            || !scope.IsMethodItself
            || !PhaseNames.IsPost(scope.Method!.Identifier.ValueText)
            || context.SemanticModel.GetDeclaredSymbol(scope.Method, context.CancellationToken) is not { ContainingType: { } node }
            || !known.IsNode(node))
        {
            return;
        }

        ImmutableArray<string> declared = DeclaredActions(node);
        if (declared.IsEmpty)
        {
            return;
        }

        string declaredList = string.Join(", ", declared.Select(a => "\"" + a + "\""));
        foreach (LiteralExpressionSyntax literal in literals)
        {
            string action = literal.Token.ValueText;
            if (declared.Contains(action, StringComparer.Ordinal))
            {
                continue;
            }

            ImmutableDictionary<string, string?> properties = FixProperties(action, declared, node, context.Compilation, known);
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UndeclaredActionReturned, literal.GetLocation(), properties, node.Name, action, declaredList));
        }
    }

    /// <summary>The literals an expression may return: itself, the branches of <c>?:</c>, switch arms, the right side of <c>??</c>.</summary>
    private static List<LiteralExpressionSyntax> ReturnedLiterals(ExpressionSyntax expression)
    {
        var literals = new List<LiteralExpressionSyntax>();
        var pending = new Stack<ExpressionSyntax>();
        pending.Push(expression);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    literals.Add(literal);
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    pending.Push(parenthesized.Expression);
                    break;
                case ConditionalExpressionSyntax conditional:
                    pending.Push(conditional.WhenTrue);
                    pending.Push(conditional.WhenFalse);
                    break;
                case SwitchExpressionSyntax switchExpression:
                    foreach (SwitchExpressionArmSyntax arm in switchExpression.Arms)
                    {
                        pending.Push(arm.Expression);
                    }

                    break;
                case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression):
                    pending.Push(coalesce.Right);
                    break;
            }
        }

        literals.Reverse();
        return literals;
    }

    /// <summary>The actions declared by every <c>[Next]</c> form and <c>[End]</c> on <paramref name="node"/>, in declaration order.</summary>
    internal static ImmutableArray<string> DeclaredActions(INamedTypeSymbol node) => Generators.Parsing.DeclaredActions.Names(node).ToImmutableArray();

    private static ImmutableDictionary<string, string?> FixProperties(string action, ImmutableArray<string> declared, INamedTypeSymbol node, Compilation compilation, KnownSymbols known)
    {
        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.ActionLiteral, action);
        string member = Naming.ToPascalCase(action) ?? string.Empty;
        string? sameMember = declared.FirstOrDefault(d => Naming.ToPascalCase(d) == member);
        if (member.Length > 0 && sameMember is not null)
        {
            properties = properties.Add(DiagnosticProperties.ActionMember, member).Add(DiagnosticProperties.DeclaredAction, sameMember);
        }

        if (member.Length > 0)
        {
            INamedTypeSymbol[] targets = compilation.GetSymbolsWithName(member, SymbolFilter.Type)
                .OfType<INamedTypeSymbol>()
                .Where(SymbolFacts.IsNodeOrGraph)
                .ToArray();
            if (targets.Length == 1)
            {
                properties = properties.Add(DiagnosticProperties.TargetType, targets[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
            }
        }

        return properties;
    }
}
