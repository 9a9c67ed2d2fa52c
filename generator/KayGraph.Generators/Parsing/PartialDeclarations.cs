using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.Generators.Parsing;

/// <summary>
/// The one definition of "this node or graph class can be extended by generated code": the class and every class
/// containing it are <c>partial</c>. Compiled into the generator (which skips such classes) and into the analyzers
/// (which report KG0001 on each declaration that lacks <c>partial</c>).
/// </summary>
internal static class PartialDeclarations
{
    /// <summary>
    /// Whether <paramref name="node"/> declares a class the generator extends: a class or a record class (a
    /// <c>record struct</c> cannot carry the node and graph attributes).
    /// </summary>
    public static bool IsClassOrRecordClass(SyntaxNode node) =>
        node is ClassDeclarationSyntax || (node is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword));

    /// <summary>The declarations, <paramref name="declaration"/> first and then its containing types outwards, that lack <c>partial</c>.</summary>
    public static IEnumerable<TypeDeclarationSyntax> MissingPartial(TypeDeclarationSyntax declaration)
    {
        for (var current = declaration; current is not null; current = current.Parent as TypeDeclarationSyntax)
        {
            if (!current.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                yield return current;
            }
        }
    }

    /// <summary>
    /// What the generator could not emit because <paramref name="missing"/> is not partial: the second argument of KG0001's
    /// message ("lifecycle glue", "graph runner", or "... of nested 'Inner'" for a containing class).
    /// </summary>
    public static string WhatIsBlocked(TypeDeclarationSyntax declaration, TypeDeclarationSyntax missing, bool isGraph)
    {
        var what = isGraph ? "graph runner" : "lifecycle glue";
        return missing == declaration ? what : what + " of nested '" + declaration.Identifier.ValueText + "'";
    }
}
