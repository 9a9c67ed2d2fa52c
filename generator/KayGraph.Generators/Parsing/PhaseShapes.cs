using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KayGraph.Generators.Parsing;

/// <summary>The shape of a phase method: its ambient parameters, how it returns, and what it returns once unwrapped.</summary>
internal static class PhaseShapes
{
    /// <summary>
    /// Splits a phase's parameters into the positional ones (their count) and the trailing ambient ones: the run's
    /// <c>CancellationToken</c> and <c>NodeContext</c>, each at most once, in either order. <see langword="null"/> when an
    /// ambient type stands among the positional parameters or appears twice.
    /// </summary>
    public static AmbientSplit? SplitAmbient(ImmutableArray<IParameterSymbol> parameters)
    {
        var count = parameters.Length;
        var ambient = new List<ArgumentKind>();
        while (count > 0 && SymbolFacts.AmbientKind(parameters[count - 1].Type) is { } kind)
        {
            if (ambient.Contains(kind))
            {
                return null;
            }

            ambient.Insert(0, kind);
            count--;
        }

        for (var i = 0; i < count; i++)
        {
            if (SymbolFacts.AmbientKind(parameters[i].Type) is not null)
            {
                return null;
            }
        }

        return new AmbientSplit(count, ambient.ToImmutableArray());
    }

    /// <summary>
    /// The model of a phase method whose parameters were checked: its result shape (KG0003 when an async phase returns no
    /// awaitable), the kind of value it returns, and the arguments the glue passes.
    /// </summary>
    public static PhaseModel? Read(ParseContext context, PhaseKind kind, IMethodSymbol method, bool isAsync, IReadOnlyList<ArgumentKind>? arguments = null)
    {
        var returnType = method.ReturnType;
        ResultShape shape;
        ITypeSymbol? value = null;
        if (isAsync && kind == PhaseKind.Prep && context.IsBatch && SymbolFacts.FindItemType(returnType) is { Item: not null, IsAsync: true })
        {
            // An async iterator (async IAsyncEnumerable<T> PrepAsync) yields the items itself: no task to await.
            shape = ResultShape.Value;
            value = returnType;
        }
        else if (isAsync)
        {
            if (SymbolFacts.IsTasksType(returnType, "Task", 0))
            {
                shape = ResultShape.Task;
            }
            else if (SymbolFacts.IsTasksType(returnType, "ValueTask", 0))
            {
                shape = ResultShape.ValueTask;
            }
            else if (SymbolFacts.IsTasksType(returnType, "Task", 1))
            {
                shape = ResultShape.TaskOfT;
                value = ((INamedTypeSymbol)returnType).TypeArguments[0];
            }
            else if (SymbolFacts.IsTasksType(returnType, "ValueTask", 1))
            {
                shape = ResultShape.ValueTaskOfT;
                value = ((INamedTypeSymbol)returnType).TypeArguments[0];
            }
            else
            {
                context.Report(Descriptors.AsyncPhaseNotAwaitable, ParseContext.MethodLocation(method), context.Type.Name, method.Name, returnType.ToDisplayString());
                return null;
            }
        }
        else if (returnType.SpecialType == SpecialType.System_Void)
        {
            shape = ResultShape.Void;
        }
        else
        {
            shape = ResultShape.Value;
            value = returnType;
        }

        var result = value switch
        {
            null => PostResult.Nothing,
            { SpecialType: SpecialType.System_String } => PostResult.String,
            { SpecialType: SpecialType.System_Boolean } => PostResult.Boolean,
            _ when IsActionType(context.Type, value) => PostResult.Action,
            _ => PostResult.Other,
        };

        // A type that does not resolve (the compiler reports it) must not reach generated code. The generated Action is
        // the exception: it does not exist before generation.
        if (method.Parameters.Any(p => SymbolFacts.ContainsErrorType(p.Type)) || (value is not null && result != PostResult.Action && SymbolFacts.ContainsErrorType(value)))
        {
            context.MarkUnemittable();
        }

        var defaultArguments = kind is PhaseKind.Prep or PhaseKind.GraphPrep
            ? new[] { ArgumentKind.Shared }.Concat(SplitAmbient(method.Parameters)?.Ambient ?? ImmutableArray<ArgumentKind>.Empty).ToArray()
            : Array.Empty<ArgumentKind>();

        var passed = arguments ?? defaultArguments;
        if (kind != PhaseKind.Exec && passed.Contains(ArgumentKind.Interrupt))
        {
            context.ReportSignature(ParseContext.MethodLocation(method), method.Name, "takes an Interrupt; only exec asks for input (Interrupt<TRequest, TResponse> is a parameter of Exec or ExecAsync, placed like the token)");
            return null;
        }

        var valueType = value is null ? null : (result == PostResult.Action ? "Action" : value.ToDisplayString(Naming.TypeFormat));
        return new PhaseModel(kind, method.Name, shape, valueType, result, passed.ToEquatableArray());
    }

    /// <summary>What a phase produces once awaited: <see langword="null"/> for nothing.</summary>
    public static ITypeSymbol? UnwrapValue(ITypeSymbol type, bool isAsync)
    {
        if (isAsync && SymbolFacts.FindItemType(type) is { Item: not null, IsAsync: true })
        {
            return type; // an async iterator returns its IAsyncEnumerable<T> directly
        }

        if (!isAsync)
        {
            return type.SpecialType == SpecialType.System_Void ? null : type;
        }

        return type is INamedTypeSymbol { Arity: 1 } named && (SymbolFacts.IsTasksType(named, "Task", 1) || SymbolFacts.IsTasksType(named, "ValueTask", 1))
            ? named.TypeArguments[0]
            : null;
    }

    /// <summary>The generated nested Action enum: unresolved before generation, the nested type after.</summary>
    private static bool IsActionType(INamedTypeSymbol node, ITypeSymbol type) =>
        type.Name == "Action" && (type.TypeKind == TypeKind.Error || SymbolEqualityComparer.Default.Equals(type.ContainingType, node) ||
            (type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, Arity: 0, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }));
}
