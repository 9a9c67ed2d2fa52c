using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KayGraph.Analyzers;

/// <summary>Recognizes calls whose timeout or duration is zero: they poll or yield, they do not wait.</summary>
internal static class ZeroTimeout
{
    /// <summary>Whether an argument of <paramref name="invocation"/> that is a timeout (or the duration of a sleep) is zero.</summary>
    public static bool HasZeroTimeout(IInvocationOperation invocation)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && IsTimeoutParameter(parameter) && IsZero(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTimeoutParameter(IParameterSymbol parameter) =>
        parameter.Name.IndexOf("timeout", StringComparison.OrdinalIgnoreCase) >= 0
        || parameter.Name.IndexOf("delay", StringComparison.OrdinalIgnoreCase) >= 0;

    private static bool IsZero(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value.ConstantValue is { HasValue: true, Value: { } constant })
        {
            return constant is int i ? i == 0 : constant is long l ? l == 0 : constant is double d && d == 0;
        }

        return value switch
        {
            IFieldReferenceOperation { Field: { Name: "Zero", ContainingType: { Name: "TimeSpan" } } } => true,
            IDefaultValueOperation { Type.Name: "TimeSpan" } => true,
            IObjectCreationOperation { Type.Name: "TimeSpan", Arguments.Length: 0 } => true,
            IInvocationOperation { TargetMethod: { ContainingType.Name: "TimeSpan", IsStatic: true } method, Arguments: [var only] }
                when method.Name.StartsWith("From", StringComparison.Ordinal) => IsZero(only.Value),
            _ => false,
        };
    }
}
