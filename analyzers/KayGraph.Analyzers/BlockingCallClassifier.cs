using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KayGraph.Analyzers;

/// <summary>
/// The one place that decides whether a call blocks: <c>Thread.Sleep</c>, synchronous waits on tasks, and synchronous calls
/// with an awaitable twin, in that order of precedence, so that each call gets at most one diagnostic. Zero timeouts and
/// tasks known to be complete do not block.
/// </summary>
internal static class BlockingCallClassifier
{
    /// <summary>Cheap syntactic pre-check: could <paramref name="node"/> be a blocking call at all.</summary>
    public static bool IsCandidate(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax => true,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result", Parent: not InvocationExpressionSyntax } access => !IsAssignmentTarget(access),
        _ => false,
    };

    /// <summary>Classifies <paramref name="node"/> (an invocation or a <c>.Result</c> access) found in <paramref name="scope"/>.</summary>
    public static BlockingCall? Classify(SyntaxNode node, in FunctionScope scope, SemanticModel model, KnownSymbols known, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case InvocationExpressionSyntax invocationSyntax when model.GetOperation(invocationSyntax, cancellationToken) is IInvocationOperation invocation:
                return ClassifyInvocation(invocation, invocationSyntax, scope, model, known, options, cancellationToken);
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } access
                when model.GetOperation(access, cancellationToken) is IPropertyReferenceOperation { Property.IsStatic: false, Instance: { } instance } property
                     && IsGenericTaskLike(property.Property.ContainingType, known)
                     && !KnownCompleteTasks.IsKnownComplete(instance, access, scope, model, known, cancellationToken):
                return new BlockingCall(BlockingCallKind.TaskResult, access, property.Property.ContainingType.Name + ".Result", "await", fixable: true);
            default:
                return null;
        }
    }

    private static BlockingCall? ClassifyInvocation(
        IInvocationOperation invocation,
        InvocationExpressionSyntax syntax,
        in FunctionScope scope,
        SemanticModel model,
        KnownSymbols known,
        AnalyzerOptions options,
        CancellationToken cancellationToken)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (ZeroTimeout.HasZeroTimeout(invocation))
        {
            return null;
        }

        if (method.Name == "Sleep" && SymbolEqualityComparer.Default.Equals(method.ContainingType, known.Thread))
        {
            return new BlockingCall(BlockingCallKind.ThreadSleep, syntax, "Thread.Sleep", "await Task.Delay", fixable: true);
        }

        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, known.Task) && method.IsStatic && method.Name is "WaitAll" or "WaitAny")
        {
            bool isAll = method.Name == "WaitAll";
            bool fixable = method.Parameters.Length == 1 && method.Parameters[0].IsParams && (isAll || syntax.Parent is ExpressionStatementSyntax);
            return new BlockingCall(isAll ? BlockingCallKind.WaitAll : BlockingCallKind.WaitAny, syntax, "Task." + method.Name, isAll ? "await Task.WhenAll" : "await Task.WhenAny", fixable);
        }

        if (method.Name == "Wait" && !method.IsStatic && known.IsTask(method.ContainingType) && invocation.Instance is { } waited)
        {
            return KnownCompleteTasks.IsKnownComplete(waited, syntax, scope, model, known, cancellationToken)
                ? null
                : new BlockingCall(BlockingCallKind.TaskWait, syntax, "Task.Wait", "await", fixable: invocation.Arguments.Length == 0 && syntax.Parent is ExpressionStatementSyntax);
        }

        if (method.Name == "GetResult" && method.Parameters.Length == 0 && TryGetAwaitedTask(invocation, known, out IOperation? task))
        {
            return KnownCompleteTasks.IsKnownComplete(task!, syntax, scope, model, known, cancellationToken)
                ? null
                : new BlockingCall(BlockingCallKind.AwaiterGetResult, syntax, "GetAwaiter().GetResult()", "await", fixable: true);
        }

        ISymbol? enclosing = EnclosingMethod(scope, model, cancellationToken);
        if (AsyncTwinFinder.Find(method, invocation.Instance?.Type, enclosing, syntax.SpanStart, model, known, options, cancellationToken) is { } found)
        {
            string type = method.ContainingType.Name;
            return new BlockingCall(BlockingCallKind.SyncWithAsyncTwin, syntax, type + "." + method.Name, "await " + type + "." + found.Twin.Name, fixable: true, found.Twin, found.TakesToken);
        }

        return null;
    }

    private static bool TryGetAwaitedTask(IInvocationOperation getResult, KnownSymbols known, out IOperation? task)
    {
        task = null;
        if (getResult.Instance is not IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable })
        {
            return false;
        }

        if (awaitable is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured } && known.IsTaskLike(configured.Type))
        {
            awaitable = configured;
        }

        task = awaitable;
        return known.IsTaskLike(awaitable.Type);
    }

    private static ISymbol? EnclosingMethod(in FunctionScope scope, SemanticModel model, CancellationToken cancellationToken) => scope.Function switch
    {
        LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax => model.GetDeclaredSymbol(scope.Function, cancellationToken),
        _ => scope.Method is null ? null : model.GetDeclaredSymbol(scope.Method, cancellationToken),
    };

    private static bool IsGenericTaskLike(INamedTypeSymbol type, KnownSymbols known) =>
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known.GenericTask) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known.GenericValueTask);

    private static bool IsAssignmentTarget(SyntaxNode node) => node.Parent is AssignmentExpressionSyntax assignment && ReferenceEquals(assignment.Left, node);
}
