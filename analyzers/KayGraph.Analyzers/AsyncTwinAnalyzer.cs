using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>
/// KG1003: a synchronous call in an async phase whose type offers an awaitable twin (<c>File.ReadAllText</c> →
/// <c>File.ReadAllTextAsync</c>, <c>Stream.Read</c> → <c>ReadAsync</c>, <c>HttpClient.Send</c> → <c>SendAsync</c>, ...).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncTwinAnalyzer : BlockingCallInAsyncContextAnalyzer
{
    /// <inheritdoc />
    protected override DiagnosticDescriptor Rule => DiagnosticDescriptors.SyncCallWithAsyncTwin;

    private protected override bool IsNameCandidate(SyntaxNode node) =>
        node is InvocationExpressionSyntax invocation
        && SyntaxNames.InvokedName(invocation) is { Length: > 0 } name
        && !name.EndsWith("Async", StringComparison.Ordinal)
        && name != "nameof";

    private protected override bool Reports(BlockingCallKind kind) => kind == BlockingCallKind.SyncWithAsyncTwin;
}
