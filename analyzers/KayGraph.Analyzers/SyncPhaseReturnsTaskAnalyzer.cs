using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>
/// KG1009: a phase method of a node with a synchronous name (<c>Prep</c>, <c>Exec</c>, <c>ExecFallback</c>, <c>Post</c>,
/// <c>OnError</c>) whose return type is a task (<c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c>, <c>ValueTask&lt;T&gt;</c>).
/// The generator treats it as the synchronous phase, so the task is never awaited. Not reported when the async form exists
/// as well (the generator's KG0002 speaks there).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyncPhaseReturnsTaskAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.SyncPhaseReturnsTask);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols known = KnownSymbols.From(start.Compilation);
            if (known.NodeAttribute is not null)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, known), SymbolKind.Method);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var method = (IMethodSymbol)context.Symbol;

        // Names first: only a sync-named ordinary instance method of a node class can be a sync phase.
        if (method.MethodKind != MethodKind.Ordinary
            || method.IsStatic
            || !PhaseNames.IsSyncPhase(method.Name)
            || !known.IsTaskLike(method.ReturnType)
            || !known.IsNode(method.ContainingType)
            || !method.ContainingType.GetMembers(PhaseNames.ToAsync(method.Name)).IsEmpty)
        {
            return;
        }

        foreach (Location location in method.Locations)
        {
            if (location.IsInSource)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.SyncPhaseReturnsTask,
                    location,
                    method.Name,
                    method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    PhaseNames.ToAsync(method.Name)));
            }
        }
    }
}
