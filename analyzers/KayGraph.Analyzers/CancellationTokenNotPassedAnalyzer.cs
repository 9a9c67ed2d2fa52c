using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KayGraph.Analyzers;

/// <summary>
/// KG1004: a <c>CancellationToken</c> parameter is in scope in a node phase, and a call that accepts a token (through an
/// optional parameter or an overload with one more trailing token) does not receive any.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CancellationTokenNotPassedAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.CancellationTokenNotPassed);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols known = KnownSymbols.From(start.Compilation);
            if (known.CancellationToken is null)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                bool inNodePhase = NodeScope.IsNodePhase(block.OwningSymbol, known);
                if (inNodePhase || NodeScope.AnalyzesAllAsyncMethods(block.Options, block.OperationBlocks))
                {
                    block.RegisterOperationAction(operation => Analyze(operation, known, inNodePhase), OperationKind.Invocation);
                }
            });
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownSymbols known, bool inNodePhase)
    {
        if (context.Operation is not IInvocationOperation invocation
            || invocation.Syntax is not InvocationExpressionSyntax syntax
            || !FunctionScope.TryCreate(syntax, out FunctionScope scope)
            || (!inNodePhase && !scope.IsAsync)
            || invocation.SemanticModel is not { } model
            || IsDiscardedUnawaitedTask(invocation, syntax, scope, known)
            || FindMissingToken(invocation, model, known) is not { } parameterName
            || CancellationTokenScope.FindTokenName(syntax, model, context.CancellationToken) is not { } token
            || BlockingCallClassifier.Classify(syntax, scope, model, known, context.Options, context.CancellationToken) is not null)
        {
            return;
        }

        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.TokenName, token);
        if (parameterName.Length > 0)
        {
            properties = properties.Add(DiagnosticProperties.ParameterName, parameterName);
        }

        string api = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CancellationTokenNotPassed, syntax.GetLocation(), properties, api, token));
    }

    /// <summary>
    /// Whether the call accepts a token it does not receive: <see langword="null"/> when not; otherwise the name of the
    /// parameter to pass it by name, or an empty string when it can be appended positionally.
    /// </summary>
    private static string? FindMissingToken(IInvocationOperation invocation, SemanticModel model, KnownSymbols known)
    {
        int explicitArguments = 0;
        IArgumentOperation? omittedToken = null;
        bool omittedBefore = false;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray)
            {
                return null;
            }

            bool isToken = argument.Parameter is { } parameter && known.IsCancellationToken(parameter.Type);
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                if (isToken && omittedToken is null)
                {
                    omittedToken = argument;
                    omittedBefore = explicitArguments != argument.Parameter!.Ordinal;
                }

                continue;
            }

            if (isToken)
            {
                return null;
            }

            explicitArguments++;
        }

        if (omittedToken is not null)
        {
            return omittedBefore ? omittedToken.Parameter!.Name : string.Empty;
        }

        return HasTokenOverload(invocation, model, known) ? string.Empty : null;
    }

    private static bool HasTokenOverload(IInvocationOperation invocation, SemanticModel model, KnownSymbols known)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.MethodKind != MethodKind.Ordinary || invocation.Arguments.Length != method.Parameters.Length)
        {
            return false;
        }

        IMethodSymbol original = method.OriginalDefinition;
        foreach (ISymbol member in method.ContainingType.GetMembers(method.Name))
        {
            if (member is IMethodSymbol overload
                && overload.IsStatic == method.IsStatic
                && overload.Arity == method.Arity
                && overload.Parameters.Length == original.Parameters.Length + 1
                && known.IsCancellationToken(overload.Parameters[original.Parameters.Length].Type)
                && ParametersMatch(original, overload)
                && !known.IsObsolete(overload)
                && model.IsAccessible(invocation.Syntax.SpanStart, overload))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ParametersMatch(IMethodSymbol method, IMethodSymbol overload)
    {
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            if (method.Parameters[i].RefKind != overload.Parameters[i].RefKind || !AsyncTwinFinder.SameType(method.Parameters[i].Type, overload.Parameters[i].Type))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The compiler's CS4014 already reports an un-awaited task whose result is discarded in an async function.</summary>
    private static bool IsDiscardedUnawaitedTask(IInvocationOperation invocation, InvocationExpressionSyntax syntax, in FunctionScope scope, KnownSymbols known) =>
        scope.IsAsync && syntax.Parent is ExpressionStatementSyntax && known.IsTaskLike(invocation.TargetMethod.ReturnType);
}
