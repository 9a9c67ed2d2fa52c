using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KayGraph.Analyzers;

/// <summary>
/// KG1010: an async phase of a node (<c>PrepAsync</c>, <c>ExecAsync</c>, <c>ExecFallbackAsync</c>, <c>PostAsync</c>) takes
/// neither a <c>CancellationToken</c> nor a <c>NodeContext</c>, and calls an API that accepts a token: the phase could take
/// the run's token and pass it on. Reported once per phase, on its name, naming the first such call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CancellationTokenParameterMissingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.CancellationTokenParameterMissing);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols known = KnownSymbols.From(start.Compilation);
            if (known.CancellationToken is null || known.NodeAttribute is null)
            {
                return;
            }

            start.RegisterOperationBlockAction(block => Analyze(block, known));
        });
    }

    /// <summary>
    /// Whether <paramref name="method"/> is an async phase of a node that may take a token but takes neither a token nor a
    /// <c>NodeContext</c>, and whose signature a new trailing parameter cannot break (no override, interface implementation
    /// or partial method). The error hook (<c>OnErrorAsync</c>) takes exactly <c>(shared, error)</c> and is left out.
    /// </summary>
    internal static bool CouldTakeToken(IMethodSymbol method, KnownSymbols known)
    {
        if (method is not { MethodKind: MethodKind.Ordinary, IsStatic: false, IsOverride: false, IsAbstract: false, IsExtern: false }
            || !PhaseNames.IsAsyncPhase(method.Name)
            || method.Name == PhaseNames.ToAsync(PhaseNames.OnError)
            || !method.ExplicitInterfaceImplementations.IsEmpty
            || method.PartialDefinitionPart is not null
            || method.PartialImplementationPart is not null)
        {
            return false;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (SymbolFacts.AmbientKind(parameter.Type) is not null)
            {
                return false;
            }
        }

        return known.IsNode(method.ContainingType) && !ImplementsInterfaceMember(method);
    }

    private static void Analyze(OperationBlockAnalysisContext context, KnownSymbols known)
    {
        if (context.OwningSymbol is not IMethodSymbol method || !CouldTakeToken(method, known) || method.Locations.IsEmpty)
        {
            return;
        }

        foreach (IOperation block in context.OperationBlocks)
        {
            foreach (IOperation operation in block.Descendants())
            {
                if (operation is IInvocationOperation { Syntax: InvocationExpressionSyntax syntax, SemanticModel: { } model } invocation
                    && TokenAcceptingCalls.FindMissingPhaseToken(invocation, syntax, model, known, context.Options, context.CancellationToken) is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CancellationTokenParameterMissing, method.Locations[0], method.Name, TokenAcceptingCalls.ApiName(invocation)));
                    return;
                }
            }
        }
    }

    private static bool ImplementsInterfaceMember(IMethodSymbol method)
    {
        foreach (INamedTypeSymbol @interface in method.ContainingType.AllInterfaces)
        {
            foreach (ISymbol member in @interface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
