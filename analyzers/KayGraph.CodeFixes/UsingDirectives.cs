using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.CodeFixes;

/// <summary>Adds a <c>using</c> directive when a rewrite introduces a simple type name that is not imported.</summary>
internal static class UsingDirectives
{
    /// <summary>
    /// Whether <paramref name="typeName"/> (a type of <paramref name="namespaceName"/>) already binds by its simple name at
    /// <paramref name="position"/>.
    /// </summary>
    public static bool IsImported(SemanticModel model, int position, string namespaceName, string typeName) =>
        model.LookupNamespacesAndTypes(position, name: typeName).Any(symbol => symbol.ContainingNamespace?.ToDisplayString() == namespaceName);

    /// <summary>Adds <c>using <paramref name="namespaceName"/>;</c> to <paramref name="root"/> unless it is already there.</summary>
    public static SyntaxNode Ensure(SyntaxNode root, string namespaceName)
    {
        if (root is not CompilationUnitSyntax unit || unit.Usings.Any(u => u.Name?.ToString() == namespaceName && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None)))
        {
            return root;
        }

        SyntaxTrivia newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.LineFeed);
        // System namespaces first, each group in ordinal order: insert after the last directive of the same group that sorts before.
        bool isSystem = IsSystem(namespaceName);
        int index = isSystem ? 0 : unit.Usings.Count;
        for (int i = 0; i < unit.Usings.Count; i++)
        {
            string? existing = unit.Usings[i].Name?.ToString();
            if (existing is not null && IsSystem(existing) == isSystem && string.CompareOrdinal(existing, namespaceName) < 0)
            {
                index = i + 1;
            }
        }

        return unit.WithUsings(unit.Usings.Insert(index, directive));
    }

    private static bool IsSystem(string namespaceName) => namespaceName == "System" || namespaceName.StartsWith("System.", System.StringComparison.Ordinal);
}
