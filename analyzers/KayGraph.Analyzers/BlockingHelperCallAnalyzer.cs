using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>
/// KG1008 (info): a node phase calls a helper method of the same compilation that blocks, directly or through other
/// helpers. Each method body is visited once (its first blocking call and its calls into source methods are recorded);
/// at the end of the compilation the calls made by phases are followed through the recorded call graph with a visited
/// set and a depth limit, and the diagnostic is reported on the call in the phase, naming the chain.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingHelperCallAnalyzer : DiagnosticAnalyzer
{
    /// <summary>How many helpers deep the walk goes.</summary>
    internal const int MaxDepth = 8;

    private const string Arrow = " → ";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.BlockingCallInHelper);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols known = KnownSymbols.From(start.Compilation);
            if (known.NodeAttribute is null)
            {
                return;
            }

            var facts = new ConcurrentDictionary<IMethodSymbol, MethodFacts>(SymbolEqualityComparer.Default);
            var phaseCalls = new ConcurrentBag<(IMethodSymbol Callee, Location Location)>();
            start.RegisterSyntaxNodeAction(node => RecordMethod(node, known, facts, phaseCalls), SyntaxKind.MethodDeclaration);
            start.RegisterCompilationEndAction(end => ReportChains(end, facts, phaseCalls));
        });
    }

    private static void RecordMethod(
        SyntaxNodeAnalysisContext context,
        KnownSymbols known,
        ConcurrentDictionary<IMethodSymbol, MethodFacts> facts,
        ConcurrentBag<(IMethodSymbol Callee, Location Location)> phaseCalls)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        if (declaration.Body is null && declaration.ExpressionBody is null)
        {
            return;
        }

        if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } method)
        {
            return;
        }

        bool isPhase = PhaseNames.IsPhase(method.Name) && !method.IsStatic && known.IsNode(method.ContainingType);
        string? blockingApi = null;
        var callees = new List<IMethodSymbol>();
        foreach (SyntaxNode node in declaration.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (!BlockingCallClassifier.IsCandidate(node) || !FunctionScope.TryCreate(node, out FunctionScope scope) || !ReferenceEquals(scope.Function, declaration))
            {
                continue;
            }

            if (BlockingCallClassifier.Classify(node, scope, context.SemanticModel, known, context.Options, context.CancellationToken) is { } blocking)
            {
                blockingApi ??= blocking.Api;
                continue;
            }

            if (node is InvocationExpressionSyntax invocation
                && context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } target
                && Normalize(target) is { } callee
                && callee.Locations.Any(l => l.IsInSource)
                && !SymbolEqualityComparer.Default.Equals(callee, method))
            {
                callees.Add(callee);
                if (isPhase)
                {
                    phaseCalls.Add((callee, invocation.GetLocation()));
                }
            }
        }

        facts[Normalize(method)] = new MethodFacts(blockingApi, callees.ToImmutableArray());
    }

    private static void ReportChains(
        CompilationAnalysisContext context,
        ConcurrentDictionary<IMethodSymbol, MethodFacts> facts,
        ConcurrentBag<(IMethodSymbol Callee, Location Location)> phaseCalls)
    {
        var chains = new Dictionary<IMethodSymbol, string?>(SymbolEqualityComparer.Default);
        foreach ((IMethodSymbol callee, Location location) in phaseCalls.OrderBy(c => c.Location.SourceTree?.FilePath).ThenBy(c => c.Location.SourceSpan.Start))
        {
            if (!chains.TryGetValue(callee, out string? chain))
            {
                chain = FindChain(callee, facts, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), 0);
                chains[callee] = chain;
            }

            if (chain is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BlockingCallInHelper, location, DisplayName(callee), chain));
            }
        }
    }

    /// <summary>The chain <c>Helper → Inner → Blocking.Api</c> from <paramref name="method"/> to a blocking call, or <see langword="null"/>.</summary>
    private static string? FindChain(IMethodSymbol method, ConcurrentDictionary<IMethodSymbol, MethodFacts> facts, HashSet<IMethodSymbol> visited, int depth)
    {
        if (depth >= MaxDepth || !visited.Add(method) || !facts.TryGetValue(method, out MethodFacts? methodFacts))
        {
            return null;
        }

        if (methodFacts.BlockingApi is not null)
        {
            return DisplayName(method) + Arrow + methodFacts.BlockingApi;
        }

        foreach (IMethodSymbol callee in methodFacts.Callees)
        {
            if (FindChain(callee, facts, visited, depth + 1) is { } rest)
            {
                return DisplayName(method) + Arrow + rest;
            }
        }

        return null;
    }

    private static IMethodSymbol Normalize(IMethodSymbol method)
    {
        IMethodSymbol original = method.ReducedFrom ?? method;
        original = original.OriginalDefinition;
        return original.PartialImplementationPart ?? original;
    }

    private static string DisplayName(IMethodSymbol method) => method.ContainingType.Name + "." + method.Name;

    private sealed class MethodFacts
    {
        public MethodFacts(string? blockingApi, ImmutableArray<IMethodSymbol> callees)
        {
            BlockingApi = blockingApi;
            Callees = callees;
        }

        /// <summary>The first blocking call written directly in the method, if any.</summary>
        public string? BlockingApi { get; }

        /// <summary>The methods of the compilation it calls.</summary>
        public ImmutableArray<IMethodSymbol> Callees { get; }
    }
}
