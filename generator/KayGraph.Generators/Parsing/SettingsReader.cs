using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.Generators.Parsing;

/// <summary>Reads the named arguments of a node attribute (<c>MaxRetries</c>, <c>WaitMilliseconds</c>, <c>MaxConcurrency</c>); KG0011 on invalid ones.</summary>
internal static class SettingsReader
{
    public static (int MaxRetries, int Wait, int MaxConcurrency) Read(ParseContext context)
    {
        int maxRetries = 1, wait = 0, maxConcurrency = int.MaxValue;
        foreach (var argument in context.Attribute.NamedArguments)
        {
            if (argument.Value.Value is not int value)
            {
                continue;
            }

            var location = NamedArgumentLocation(context, argument.Key);
            switch (argument.Key)
            {
                case "MaxRetries":
                    maxRetries = value;
                    if (value < 1)
                    {
                        context.Report(Descriptors.InvalidAttributeArgument, location, "MaxRetries", value, context.Type.Name, "it is the total number of attempts and must be at least 1");
                    }

                    break;
                case "WaitMilliseconds":
                    wait = value;
                    if (value < 0)
                    {
                        context.Report(Descriptors.InvalidAttributeArgument, location, "WaitMilliseconds", value, context.Type.Name, "the wait between attempts must not be negative");
                    }

                    break;
                case "MaxConcurrency":
                    maxConcurrency = value;
                    if (value < 1)
                    {
                        context.Report(Descriptors.InvalidAttributeArgument, location, "MaxConcurrency", value, context.Type.Name, "at least one item must be allowed in flight");
                    }

                    break;
            }
        }

        return (maxRetries, wait, maxConcurrency);
    }

    public static LocationInfo? NamedArgumentLocation(ParseContext context, string name)
    {
        if (context.Attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax && syntax.ArgumentList is { } list)
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return LocationInfo.From(argument);
                }
            }

            return LocationInfo.From(syntax);
        }

        return LocationInfo.From(context.Syntax.Identifier.GetLocation());
    }
}
