using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace KayGraph.Generators.Parsing;

/// <summary>One action declared on a class by <c>[Next]</c> (any form) or <c>[End]</c>, as written.</summary>
/// <param name="Attribute">The attribute that declares it.</param>
/// <param name="Action">The action string (<c>"default"</c> when none was given; <see langword="null"/> when null was passed).</param>
/// <param name="Target">The <c>[Next]</c> target (<see langword="null"/> when it does not resolve, and for <c>[End]</c>).</param>
/// <param name="IsEnd">Whether the action ends the graph (<c>[End]</c>).</param>
internal readonly record struct DeclaredAction(AttributeData Attribute, string? Action, ITypeSymbol? Target, bool IsEnd);

/// <summary>
/// The one reader of <c>[Next&lt;T&gt;]</c>, <c>[Next&lt;T&gt;("a")]</c>, <c>[Next(typeof(T))]</c>, <c>[Next("a", typeof(T))]</c>,
/// <c>[End]</c> and <c>[End("a")]</c>: used by the parser (edges and the Action enum) and by KG1007 (declared actions).
/// </summary>
internal static class DeclaredActions
{
    public const string DefaultAction = "default";

    /// <summary>The actions declared on <paramref name="type"/>, in declaration order (duplicates included).</summary>
    public static List<DeclaredAction> Read(INamedTypeSymbol type, CancellationToken cancellationToken = default)
    {
        var actions = new List<DeclaredAction>();
        foreach (var attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SymbolFacts.IsEndAttribute(attribute.AttributeClass))
            {
                var action = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : DefaultAction;
                actions.Add(new DeclaredAction(attribute, action, null, IsEnd: true));
                continue;
            }

            if (!SymbolFacts.IsNextAttribute(attribute.AttributeClass))
            {
                continue;
            }

            ITypeSymbol? target = null;
            string? name = DefaultAction;
            if (attribute.AttributeClass!.IsGenericType)
            {
                target = attribute.AttributeClass.TypeArguments[0];
                if (attribute.ConstructorArguments.Length == 1)
                {
                    name = attribute.ConstructorArguments[0].Value as string;
                }
            }
            else
            {
                foreach (var argument in attribute.ConstructorArguments)
                {
                    if (argument.Kind == TypedConstantKind.Type)
                    {
                        target = argument.Value as ITypeSymbol;
                    }
                    else if (argument.Type?.SpecialType == SpecialType.System_String)
                    {
                        name = argument.Value as string;
                    }
                }
            }

            actions.Add(new DeclaredAction(attribute, name, target, IsEnd: false));
        }

        return actions;
    }

    /// <summary>The distinct action strings declared on <paramref name="type"/>, in declaration order.</summary>
    public static List<string> Names(INamedTypeSymbol type, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        foreach (var declared in Read(type, cancellationToken))
        {
            if (declared.Action is { } action && !names.Contains(action))
            {
                names.Add(action);
            }
        }

        return names;
    }
}
