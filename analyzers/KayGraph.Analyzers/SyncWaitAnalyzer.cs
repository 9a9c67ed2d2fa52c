using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>
/// KG1002: synchronous waits on tasks in an async phase: <c>.Wait()</c>, <c>.Result</c>, <c>.GetAwaiter().GetResult()</c>,
/// <c>Task.WaitAll</c>, <c>Task.WaitAny</c> (also on <c>ValueTask</c>), except on tasks known to be complete and with zero timeouts.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyncWaitAnalyzer : BlockingCallInAsyncContextAnalyzer
{
    /// <inheritdoc />
    protected override DiagnosticDescriptor Rule => DiagnosticDescriptors.SyncWaitInAsyncPhase;

    /// <inheritdoc />
    protected override bool InspectsResultAccess => true;

    private protected override bool IsNameCandidate(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) is "Wait" or "WaitAll" or "WaitAny" or "GetResult",
        MemberAccessExpressionSyntax => true,
        _ => false,
    };

    private protected override bool Reports(BlockingCallKind kind) =>
        kind is BlockingCallKind.TaskWait or BlockingCallKind.TaskResult or BlockingCallKind.AwaiterGetResult or BlockingCallKind.WaitAll or BlockingCallKind.WaitAny;
}
