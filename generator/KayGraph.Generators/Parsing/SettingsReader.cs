using System.Collections.Generic;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.Generators.Parsing;

/// <summary>
/// Reads the named arguments of a node attribute (<c>MaxRetries</c>, <c>WaitMilliseconds</c>, <c>MaxConcurrency</c>,
/// <c>Backoff</c>, <c>MaxWaitMilliseconds</c>, <c>Jitter</c>, <c>TimeoutMilliseconds</c>) and the class's <c>[RetryOn]</c>
/// attributes; KG0011 on invalid values and combinations.
/// </summary>
internal static class SettingsReader
{
    private static readonly string[] BackoffNames = { "Constant", "Linear", "Exponential" };

    public static (int MaxRetries, int Wait, int MaxConcurrency, ResilienceModel? Resilience) Read(ParseContext context)
    {
        int maxRetries = 1, wait = 0, maxConcurrency = int.MaxValue, backoff = 0, maxWait = 0, timeout = 0;
        var jitter = false;
        string? pipeline = null;
        foreach (var argument in context.Attribute.NamedArguments)
        {
            if (argument.Key == "Jitter" && argument.Value.Value is bool flag)
            {
                jitter = flag;
                continue;
            }

            if (argument.Key == "Resilience")
            {
                pipeline = argument.Value.Value as string;
                if (string.IsNullOrWhiteSpace(pipeline))
                {
                    context.Report(Descriptors.InvalidAttributeArgument, NamedArgumentLocation(context, argument.Key), "Resilience", pipeline is null ? "null" : "\"" + pipeline + "\"", context.Type.Name, "it names the Polly pipeline registered under that key and must not be empty");
                    pipeline = null;
                }

                continue;
            }

            if (argument.Value.Value is not int value)
            {
                continue;
            }

            switch (argument.Key)
            {
                case "MaxRetries":
                    maxRetries = value;
                    if (value < 1)
                    {
                        context.Report(Descriptors.InvalidAttributeArgument, NamedArgumentLocation(context, argument.Key), "MaxRetries", value, context.Type.Name, "it is the total number of attempts and must be at least 1");
                    }

                    break;
                case "WaitMilliseconds":
                    wait = value;
                    if (value < 0)
                    {
                        context.Report(Descriptors.InvalidAttributeArgument, NamedArgumentLocation(context, argument.Key), "WaitMilliseconds", value, context.Type.Name, "the wait between attempts must not be negative");
                    }

                    break;
                case "MaxConcurrency":
                    maxConcurrency = value;
                    if (value < 1)
                    {
                        context.Report(Descriptors.InvalidAttributeArgument, NamedArgumentLocation(context, argument.Key), "MaxConcurrency", value, context.Type.Name, "at least one item must be allowed in flight");
                    }

                    break;
                case "Backoff":
                    backoff = value;
                    if (value is < 0 or > 2)
                    {
                        context.Report(Descriptors.InvalidAttributeArgument, NamedArgumentLocation(context, argument.Key), "Backoff", value, context.Type.Name, "it must be Backoff.Constant, Backoff.Linear or Backoff.Exponential");
                    }

                    break;
                case "MaxWaitMilliseconds":
                    maxWait = value;
                    if (value < 0)
                    {
                        context.Report(Descriptors.InvalidAttributeArgument, NamedArgumentLocation(context, argument.Key), "MaxWaitMilliseconds", value, context.Type.Name, "the cap on one wait must not be negative (0 = no cap)");
                    }

                    break;
                case "TimeoutMilliseconds":
                    timeout = value;
                    if (value < 0)
                    {
                        context.Report(Descriptors.InvalidAttributeArgument, NamedArgumentLocation(context, argument.Key), "TimeoutMilliseconds", value, context.Type.Name, "the timeout of an attempt must not be negative (0 = none)");
                    }

                    break;
            }
        }

        // Combinations: each reported once, on the argument that does not fit the others (only when those are valid).
        if (jitter && wait == 0)
        {
            context.Report(Descriptors.InvalidAttributeArgument, NamedArgumentLocation(context, "Jitter"), "Jitter", "true", context.Type.Name, "jitter without waits: it randomizes the wait between attempts, so WaitMilliseconds must be positive");
        }

        if (backoff is 1 or 2 && wait == 0)
        {
            context.Report(Descriptors.InvalidAttributeArgument, NamedArgumentLocation(context, "Backoff"), "Backoff", "Backoff." + BackoffNames[backoff], context.Type.Name, "a backoff grows the wait between attempts, so WaitMilliseconds must be positive");
        }

        if (maxWait > 0 && wait > 0 && maxWait < wait)
        {
            context.Report(Descriptors.InvalidAttributeArgument, NamedArgumentLocation(context, "MaxWaitMilliseconds"), "MaxWaitMilliseconds", maxWait, context.Type.Name, $"it caps each wait and must not be smaller than WaitMilliseconds ({wait})");
        }

        var retryOn = ReadRetryOn(context);
        var resilience = backoff == 0 && maxWait == 0 && !jitter && timeout == 0 && retryOn.Count == 0 && pipeline is null
            ? null
            : new ResilienceModel(backoff is >= 0 and <= 2 ? BackoffNames[backoff] : BackoffNames[0], maxWait, jitter, timeout, retryOn.ToEquatableArray(), pipeline);
        return (maxRetries, wait, maxConcurrency, resilience);
    }

    /// <summary>The exception types of the class's <c>[RetryOn]</c> attributes, in declaration order, each once; KG0011 on a type that is no exception or is cancellation.</summary>
    private static List<string> ReadRetryOn(ParseContext context)
    {
        var types = new List<string>();
        foreach (var attribute in context.Type.GetAttributes())
        {
            if (!SymbolFacts.IsRetryOnAttribute(attribute.AttributeClass))
            {
                continue;
            }

            var type = attribute.AttributeClass!.IsGenericType
                ? attribute.AttributeClass.TypeArguments[0]
                : attribute.ConstructorArguments is [{ Value: ITypeSymbol argument }] ? argument : null;
            if (type is null || SymbolFacts.ContainsErrorType(type))
            {
                continue; // the compiler reports a missing or unresolved type
            }

            var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax()) ?? context.Identifier;
            var shown = "typeof(" + type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + ")";
            if (context.IsGraph)
            {
                context.Report(Descriptors.InvalidAttributeArgument, location, "RetryOn", shown, context.Type.Name, "a graph has no exec to retry; put RetryOn on the node whose exec fails");
            }
            else if (!SymbolFacts.IsExceptionType(type))
            {
                context.Report(Descriptors.InvalidAttributeArgument, location, "RetryOn", shown, context.Type.Name, "it is not an exception type (it must derive from System.Exception)");
            }
            else if (SymbolFacts.IsCancellation(type))
            {
                context.Report(Descriptors.InvalidAttributeArgument, location, "RetryOn", shown, context.Type.Name, "cancellation is never retried; a timed-out attempt fails with System.TimeoutException, retry that instead");
            }
            else
            {
                var name = type.ToDisplayString(Naming.TypeFormat);
                if (!types.Contains(name))
                {
                    types.Add(name);
                }
            }
        }

        return types;
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
