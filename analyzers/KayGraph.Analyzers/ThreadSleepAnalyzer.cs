using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>KG1001: <c>Thread.Sleep</c> (with a non-zero duration) in an async phase of a node.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThreadSleepAnalyzer : BlockingCallInAsyncContextAnalyzer
{
    /// <inheritdoc />
    protected override DiagnosticDescriptor Rule => DiagnosticDescriptors.ThreadSleepInAsyncPhase;

    private protected override bool IsNameCandidate(SyntaxNode node) =>
        node is InvocationExpressionSyntax invocation && SyntaxNames.InvokedName(invocation) == "Sleep";

    private protected override bool Reports(BlockingCallKind kind) => kind == BlockingCallKind.ThreadSleep;
}
