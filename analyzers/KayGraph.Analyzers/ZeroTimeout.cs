using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KayGraph.Analyzers;

/// <summary>
/// Recognizes calls whose timeout or duration is zero: they poll or yield, they do not wait. A timeout is an argument of a
/// parameter whose name contains <c>timeout</c> or <c>delay</c> (<c>millisecondsTimeout</c>, <c>timeout</c>,
/// <c>millisecondsDelay</c>, <c>delay</c>: <c>SemaphoreSlim.Wait/WaitAsync</c>, <c>Task.Wait/WaitAsync</c>,
/// <c>Task.Delay</c>, <c>ManualResetEventSlim.Wait</c>, <c>CountdownEvent.Wait</c>, <c>Barrier.SignalAndWait</c>,
/// <c>BlockingCollection.TryTake/TryAdd</c>, <c>Monitor.TryEnter</c>, <c>WaitHandle.WaitOne</c>, <c>Thread.Sleep/Join</c>,
/// ...); zero is a constant <c>0</c> (a literal or a <c>const</c>), <c>TimeSpan.Zero</c>, <c>default(TimeSpan)</c>,
/// <c>new TimeSpan()</c> or <c>TimeSpan.FromX(0)</c>. Such a call returns at once, so it neither blocks (KG1001..KG1003,
/// KG1006) nor needs a cancellation token (KG1004, KG1010).
/// </summary>
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
        // The converted constant first ('(int)0.4' is zero), then the operand of the conversion ('TimeSpan.Zero' boxed or widened).
        if (IsZeroConstant(value.ConstantValue))
        {
            return true;
        }

        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value.ConstantValue.HasValue)
        {
            return IsZeroConstant(value.ConstantValue);
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

    private static bool IsZeroConstant(Optional<object?> constant) => constant is { HasValue: true, Value: { } value } && value switch
    {
        int i => i == 0,
        long l => l == 0,
        uint u => u == 0,
        ulong ul => ul == 0,
        short s => s == 0,
        double d => d == 0,
        float f => f == 0,
        _ => false,
    };
}
