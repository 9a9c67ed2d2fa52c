using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>
/// Walks an object graph through every instance field (recursing into arrays and collections) and collects the paths
/// of anything that would keep a compilation alive in a generator pipeline: ISymbol, SyntaxNode, SyntaxTree, Compilation,
/// SemanticModel or Location.
/// </summary>
internal static class ModelGraphWalker
{
    public static List<string> FindForbidden(object? root, string name)
    {
        var found = new List<string>();
        Walk(root, name, new HashSet<object>(ReferenceEqualityComparer.Instance), found, 0);
        return found;
    }

    private static void Walk(object? value, string path, HashSet<object> visited, List<string> found, int depth)
    {
        if (value is null || depth > 64)
        {
            return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal)
        {
            return;
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location)
        {
            found.Add($"{path}: {type.FullName}");
            return;
        }

        if (value is IEnumerable items and not string)
        {
            var index = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{index++}]", visited, found, depth + 1);
            }

            if (type.IsArray)
            {
                return;
            }
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(value), $"{path}.{field.Name}", visited, found, depth + 1);
            }
        }
    }
}
