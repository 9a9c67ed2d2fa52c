using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KayGraph.Generators.Binding;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;
using KayGraph.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Generators.Analysis;

/// <summary>
/// Reports the declaration diagnostics (KG0002..KG0014) on their culprits' source locations, so that editors squiggle them
/// and <c>#pragma</c>, <c>[SuppressMessage]</c>, <c>.editorconfig</c> and code fixes work. It parses each node and graph
/// with the generator's own <see cref="NodeParser"/> (per class, as the class changes) and binds graphs with the generator's
/// <see cref="GraphBinder"/> once per compilation (compilation end). The generator reports none of these.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class DeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Descriptors.Declarations.ToImmutableArray();

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(SymbolFacts.NodeAttribute) is null)
            {
                return; // KayGraph is not referenced
            }

            var compilation = new CompilationState(start.Compilation);
            start.RegisterSymbolAction(compilation.AnalyzeType, SymbolKind.NamedType);
            start.RegisterCompilationEndAction(compilation.AnalyzeGraphs);
        });
    }

    /// <summary>The models and sites of one compilation's nodes and graphs, gathered per class and bound at the end.</summary>
    private sealed class CompilationState
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, (NodeModel Model, NodeSite Site)> _classes = new(StringComparer.Ordinal);
        private readonly Lazy<Dictionary<string, SyntaxTree>> _trees;

        /// <summary>The types the classes' phases and attributes name, by their model display name: to resolve a store or interrupt type.</summary>
        private readonly ConcurrentDictionary<string, ITypeSymbol> _types = new(StringComparer.Ordinal);

        /// <summary>The <c>Json</c> context of each durable graph that names one, and its <c>Json = typeof(...)</c> argument.</summary>
        private readonly ConcurrentDictionary<string, (INamedTypeSymbol Context, Location? Argument)> _json = new(StringComparer.Ordinal);

        public CompilationState(Compilation compilation)
        {
            _compilation = compilation;
            _trees = new Lazy<Dictionary<string, SyntaxTree>>(() =>
            {
                var trees = new Dictionary<string, SyntaxTree>(StringComparer.Ordinal);
                foreach (var tree in compilation.SyntaxTrees)
                {
                    trees[tree.FilePath] = tree;
                }

                return trees;
            });
        }

        public void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (type.TypeKind != TypeKind.Class)
            {
                return;
            }

            var reported = new HashSet<(string, TextSpanKey)>();
            foreach (var attribute in type.GetAttributes())
            {
                if (SymbolFacts.KindOf(attribute.AttributeClass) is not { } kind ||
                    attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not { Parent.Parent: TypeDeclarationSyntax declaration } ||
                    !PartialDeclarations.IsClassOrRecordClass(declaration))
                {
                    continue;
                }

                var result = NodeParser.Parse(type, declaration, attribute, kind, _compilation, context.CancellationToken);
                foreach (var diagnostic in result.Diagnostics)
                {
                    if (diagnostic.Id != DiagnosticIds.InternalError && reported.Add((diagnostic.Id, new TextSpanKey(diagnostic.Location))))
                    {
                        context.ReportDiagnostic(ToDiagnostic(diagnostic.Id, diagnostic.Location, diagnostic.Arguments));
                    }
                }

                if (result.Model is { } model && result.Site is { } site)
                {
                    _classes.TryAdd(model.FullName, (model, site));
                    RememberTypes(type, attribute, model, context.CancellationToken);
                }
            }
        }

        public void AnalyzeGraphs(CompilationAnalysisContext context)
        {
            var models = _classes.ToDictionary(c => c.Key, c => c.Value.Model, StringComparer.Ordinal);
            var bound = new List<BoundGraph>();
            foreach (var (model, site) in _classes.Values.Where(c => c.Model.IsGraph).OrderBy(c => c.Model.FullName, StringComparer.Ordinal))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var graph = GraphBinder.Bind(model, models);
                bound.Add(graph);
                foreach (var problem in graph.Problems)
                {
                    // A problem about one node (it needs another store type) points at the parameter that names its store.
                    var location = problem.CulpritFullName is { } culprit && _classes.TryGetValue(culprit, out var node)
                        ? node.Site.SharedParameter ?? node.Site.Identifier
                        : site.Identifier;
                    context.ReportDiagnostic(ToDiagnostic(problem.Id, location, problem.Arguments));
                }
            }

            ReportInterruptsOutsideDurableRuns(context, bound);
            DurableStateChecks.Run(context, bound.Where(g => g.Graph.IsDurable).Select(ToDurableGraph).ToList());
        }

        /// <summary>
        /// Keeps the symbols behind a class's model strings: every type its methods take (with an interrupt's request and
        /// answer types) and its <c>Shared</c> type, by display name; a graph's <c>Json</c> context with its argument.
        /// </summary>
        private void RememberTypes(INamedTypeSymbol type, AttributeData attribute, NodeModel model, CancellationToken cancellationToken)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Shared" && argument.Value.Value is ITypeSymbol shared)
                {
                    Remember(shared);
                }
                else if (argument.Key == "Json" && model.JsonContext is not null && argument.Value.Value is INamedTypeSymbol json)
                {
                    var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
                    var located = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Json");
                    _json.TryAdd(model.FullName, (json, located?.GetLocation()));
                }
            }

            foreach (var member in type.GetMembers())
            {
                if (member is not IMethodSymbol method)
                {
                    continue;
                }

                foreach (var parameter in method.Parameters)
                {
                    Remember(parameter.Type);
                    if (parameter.Type is INamedTypeSymbol { Name: "Interrupt", TypeArguments.Length: 2 } interrupt && interrupt.ContainingNamespace?.ToDisplayString() == "KayGraph")
                    {
                        Remember(interrupt.TypeArguments[0]);
                        Remember(interrupt.TypeArguments[1]);
                    }
                }
            }
        }

        private void Remember(ITypeSymbol type) => _types.TryAdd(type.ToDisplayString(Naming.TypeFormat), type);

        /// <summary>A durable graph's serialized types as symbols, for <see cref="DurableStateChecks"/>.</summary>
        private DurableGraph ToDurableGraph(BoundGraph graph)
        {
            var store = graph.SharedType is { } shared && _types.TryGetValue(shared, out var storeType) ? storeType : null;
            var interrupts = new List<(ITypeSymbol, string)>();
            foreach (var interrupt in graph.Interrupts)
            {
                var question = "Interrupt<" + interrupt.RequestType.Replace("global::", string.Empty) + ", " + interrupt.AnswerType.Replace("global::", string.Empty) + ">";
                if (_types.TryGetValue(interrupt.RequestType, out var request))
                {
                    interrupts.Add((request, "the request of " + question));
                }

                if (_types.TryGetValue(interrupt.AnswerType, out var answer))
                {
                    interrupts.Add((answer, "the answer of " + question));
                }
            }

            var json = _json.TryGetValue(graph.Graph.FullName, out var context) ? context : default;
            var fallback = _classes.TryGetValue(graph.Graph.FullName, out var site) ? ToLocation(site.Site.Identifier) : Location.None;
            return new DurableGraph(graph.Graph.Name, store, interrupts, json.Context, json.Argument ?? fallback);
        }

        /// <summary>KG0016 on the interrupt parameter of a node that graphs run, none of them durable (directly or by nesting).</summary>
        private void ReportInterruptsOutsideDurableRuns(CompilationAnalysisContext context, List<BoundGraph> graphs)
        {
            var durable = new HashSet<string>(StringComparer.Ordinal);
            var firstRunner = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var graph in graphs)
            {
                foreach (var node in Reached(graph))
                {
                    if (graph.Graph.IsDurable)
                    {
                        durable.Add(node.FullName);
                    }

                    if (!firstRunner.ContainsKey(node.FullName))
                    {
                        firstRunner[node.FullName] = graph.Graph.Name;
                    }
                }
            }

            foreach (var entry in firstRunner.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var (name, runner) = (entry.Key, entry.Value);
                if (!durable.Contains(name) && _classes.TryGetValue(name, out var node) && node.Model.Interrupt is { } interrupt)
                {
                    var question = "Interrupt<" + interrupt.RequestType.Replace("global::", string.Empty) + ", " + interrupt.AnswerType.Replace("global::", string.Empty) + ">";
                    context.ReportDiagnostic(ToDiagnostic(DiagnosticIds.InterruptOutsideDurableRun, node.Site.InterruptParameter ?? node.Site.Identifier, new[] { node.Model.Name, question, runner }.ToEquatableArray()));
                }
            }
        }

        private static IEnumerable<NodeModel> Reached(BoundGraph graph) =>
            graph.Nodes.Concat(graph.Nested.SelectMany(Reached));

        private Diagnostic ToDiagnostic(string id, LocationInfo? location, EquatableArray<string> arguments) =>
            Diagnostic.Create(Descriptors.ById(id), ToLocation(location), arguments.Items.Cast<object>().ToArray());

        /// <summary>The location in this compilation's own tree, so that suppressions and code fixes apply to it.</summary>
        private Location ToLocation(LocationInfo? location)
        {
            if (location is null)
            {
                return Location.None;
            }

            return _trees.Value.TryGetValue(location.FilePath, out var tree)
                ? Location.Create(tree, location.TextSpan)
                : location.ToLocation();
        }
    }

    /// <summary>A location as a dictionary key (file and span), to report a diagnostic of several partial parts once.</summary>
    private readonly record struct TextSpanKey(string? Path, int Start, int Length)
    {
        public TextSpanKey(LocationInfo? location)
            : this(location?.FilePath, location?.TextSpan.Start ?? -1, location?.TextSpan.Length ?? -1)
        {
        }
    }
}
