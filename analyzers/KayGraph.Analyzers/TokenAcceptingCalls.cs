using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KayGraph.Analyzers;

/// <summary>
/// The one place that decides whether a call accepts a <c>CancellationToken</c> it does not receive (through an optional
/// parameter left out or an overload with one more trailing token) in a way that matters. KG1004 reports such calls when a
/// token is in scope; KG1010 and its fix use them to tell a phase without a token that it could take one.
/// </summary>
internal static class TokenAcceptingCalls
{
    /// <summary>
    /// Whether <paramref name="invocation"/> (found in <paramref name="scope"/>) accepts a token it does not receive:
    /// <see langword="null"/> when not; otherwise the name of the parameter to pass it by name, or an empty string when it
    /// can be appended positionally. Not for calls in expanded <c>params</c> form, calls with a zero timeout (they return at
    /// once, a token adds nothing), or un-awaited tasks whose result is discarded in an async function (CS4014's).
    /// </summary>
    public static string? FindMissingToken(IInvocationOperation invocation, InvocationExpressionSyntax syntax, in FunctionScope scope, SemanticModel model, KnownSymbols known)
    {
        if (IsDiscardedUnawaitedTask(invocation, syntax, scope, known) || ZeroTimeout.HasZeroTimeout(invocation))
        {
            return null;
        }

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

    /// <summary>
    /// For KG1010 and its fix: whether the call at <paramref name="syntax"/> in a phase without a token would receive one
    /// added to the phase — it accepts a token it does not receive, no nearer function (lambda, local function) has a token
    /// of its own or cuts it off from the phase (a static local function), and it is no blocking call (KG1001..KG1003 rewrite
    /// those). Returns what <see cref="FindMissingToken"/> returns.
    /// </summary>
    public static string? FindMissingPhaseToken(
        IInvocationOperation invocation,
        InvocationExpressionSyntax syntax,
        SemanticModel model,
        KnownSymbols known,
        AnalyzerOptions options,
        CancellationToken cancellationToken)
    {
        if (!FunctionScope.TryCreate(syntax, out FunctionScope scope)
            || FindMissingToken(invocation, syntax, scope, model, known) is not { } parameterName
            || !CancellationTokenScope.ReachesMethodWithoutToken(syntax, model, cancellationToken)
            || BlockingCallClassifier.Classify(syntax, scope, model, known, options, cancellationToken) is not null)
        {
            return null;
        }

        return parameterName;
    }

    /// <summary>The name a diagnostic uses for the called API: <c>Type.Method</c>.</summary>
    public static string ApiName(IInvocationOperation invocation) => invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;

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
