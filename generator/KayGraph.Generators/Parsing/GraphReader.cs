using System.Collections.Generic;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KayGraph.Generators.Parsing;

/// <summary>Reads a graph attribute (its start and <c>Shared</c>) and a batch graph's prep, which yields the parameter sets.</summary>
internal static class GraphReader
{
    public static (string? Start, string? Shared) Read(ParseContext context, List<PhaseModel> phases)
    {
        var location = LocationInfo.From(context.Attribute.ApplicationSyntaxReference?.GetSyntax());
        string? start = null;
        if (context.Attribute.ConstructorArguments.Length == 1 && context.Attribute.ConstructorArguments[0].Value is ITypeSymbol startType && startType.TypeKind != TypeKind.Error)
        {
            if (SymbolFacts.IsNodeOrGraph(startType))
            {
                start = startType.ToDisplayString(Naming.TypeFormat);
            }
            else
            {
                context.Report(Descriptors.GraphStartInvalid, location, context.Type.Name, startType.ToDisplayString());
            }
        }
        else
        {
            context.Report(Descriptors.GraphStartInvalid, location, context.Type.Name, "(none)");
        }

        string? shared = null;
        foreach (var argument in context.Attribute.NamedArguments)
        {
            if (argument.Key == "Shared" && argument.Value.Value is ITypeSymbol sharedType && sharedType.TypeKind != TypeKind.Error)
            {
                shared = sharedType.ToDisplayString(Naming.TypeFormat);
            }
        }

        if (context.Kind is NodeKind.BatchGraph or NodeKind.ParallelBatchGraph)
        {
            var prep = context.FindPhase(PhaseNames.Prep);
            if (!prep.IsFound)
            {
                if (prep.IsRejected)
                {
                    return (start, shared);
                }

                context.ReportSignature(LocationInfo.From(context.Syntax.Identifier.GetLocation()), "Prep", "is missing: a batch graph declares Prep or PrepAsync(TShared shared) returning IEnumerable<IReadOnlyDictionary<string, object?>>");
            }
            else
            {
                var phase = PhaseShapes.Read(context, PhaseKind.GraphPrep, prep.Method!, prep.IsAsync);
                if (phase is not null)
                {
                    var parameters = prep.Method!.Parameters;
                    if (PhaseShapes.SplitAmbient(parameters) is not { Count: 1 })
                    {
                        context.ReportSignature(ParseContext.MethodLocation(prep.Method!), prep.Method!.Name, "must take (TShared shared[, CancellationToken cancellationToken])");
                    }
                    else
                    {
                        var expected = ParameterSetsType(context);
                        var produced = PhaseShapes.UnwrapValue(prep.Method!.ReturnType, prep.IsAsync);
                        if (expected is null || produced is null || !context.Accepts(expected, produced))
                        {
                            context.ReportSignature(ParseContext.MethodLocation(prep.Method!), prep.Method!.Name, "must return IEnumerable<IReadOnlyDictionary<string, object?>> (or a Task/ValueTask of it)");
                        }

                        shared ??= parameters[0].Type.ToDisplayString(Naming.TypeFormat);
                        phases.Add(phase);
                    }
                }
            }
        }

        return (start, shared);
    }

    private static ITypeSymbol? ParameterSetsType(ParseContext context)
    {
        var enumerable = context.Compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        var dictionary = context.Compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
        if (dictionary is null)
        {
            return null;
        }

        var set = dictionary.Construct(context.Compilation.GetSpecialType(SpecialType.System_String), context.Compilation.GetSpecialType(SpecialType.System_Object));
        return enumerable.Construct(set);
    }

    /// <summary>
    /// <c>Durable = true</c> and <c>Json = typeof(MyJsonContext)</c>: a <c>Json</c> type must be a source-generated
    /// <c>JsonSerializerContext</c> (KG0011 otherwise), and only a durable graph serializes anything.
    /// </summary>
    public static (bool Durable, string? Json) ReadDurability(ParseContext context)
    {
        var durable = false;
        ITypeSymbol? json = null;
        LocationInfo? jsonLocation = null;
        foreach (var argument in context.Attribute.NamedArguments)
        {
            if (argument.Key == "Durable" && argument.Value.Value is bool value)
            {
                durable = value;
            }
            else if (argument.Key == "Json" && argument.Value.Value is ITypeSymbol type && type.TypeKind != TypeKind.Error)
            {
                json = type;
                jsonLocation = SettingsReader.NamedArgumentLocation(context, "Json");
            }
        }

        if (json is null)
        {
            return (durable, null);
        }

        if (!IsJsonContext(json))
        {
            context.Report(Descriptors.InvalidAttributeArgument, jsonLocation, "Json", "typeof(" + json.Name + ")", context.Type.Name, "it must be a source-generated System.Text.Json.Serialization.JsonSerializerContext");
            return (durable, null);
        }

        if (!durable)
        {
            context.Report(Descriptors.InvalidAttributeArgument, jsonLocation, "Json", "typeof(" + json.Name + ")", context.Type.Name, "only a durable graph serializes its store; add Durable = true or remove Json");
            return (durable, null);
        }

        return (durable, json.ToDisplayString(Naming.TypeFormat));
    }

    private static bool IsJsonContext(ITypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current is { Name: "JsonSerializerContext", ContainingNamespace: { Name: "Serialization", ContainingNamespace: { Name: "Json", ContainingNamespace: { Name: "Text", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } })
            {
                return true;
            }
        }

        return false;
    }
}
