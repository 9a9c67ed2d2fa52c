using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.Generators.Parsing;

/// <summary>Turns an attributed class into a <see cref="NodeModel"/> and its declaration diagnostics.</summary>
internal sealed class NodeParser
{
    private const string UnitType = "global::KayGraph.Unit";

    private readonly INamedTypeSymbol _type;
    private readonly TypeDeclarationSyntax _syntax;
    private readonly AttributeData _attribute;
    private readonly NodeKind _kind;
    private readonly Compilation _compilation;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private bool _broken;
    private bool _rejectedPhase;
    private LocationInfo? _sharedParameter;
    private int _namedActions;

    private NodeParser(INamedTypeSymbol type, TypeDeclarationSyntax syntax, AttributeData attribute, NodeKind kind, Compilation compilation)
    {
        _type = type;
        _syntax = syntax;
        _attribute = attribute;
        _kind = kind;
        _compilation = compilation;
    }

    private bool IsGraph => _kind is NodeKind.Graph or NodeKind.BatchGraph or NodeKind.ParallelBatchGraph;

    private bool IsBatch => _kind is NodeKind.BatchNode or NodeKind.ParallelBatchNode;

    /// <summary>Parses the class the generator found by one of its attributes.</summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, NodeKind kind, CancellationToken cancellationToken) =>
        Parse((INamedTypeSymbol)context.TargetSymbol, (TypeDeclarationSyntax)context.TargetNode, context.Attributes[0], kind, context.SemanticModel.Compilation, cancellationToken);

    /// <summary>
    /// Parses one class declaration carrying <paramref name="attribute"/>: the one model of a node or graph that the generator
    /// emits from and the declaration analyzer reports from. Never throws (an unexpected failure becomes <c>KG0099</c>).
    /// </summary>
    public static ParseResult Parse(INamedTypeSymbol type, TypeDeclarationSyntax syntax, AttributeData attribute, NodeKind kind, Compilation compilation, CancellationToken cancellationToken)
    {
        var parser = new NodeParser(type, syntax, attribute, kind, compilation);
        try
        {
            return parser.Run(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var diagnostic = DiagnosticInfo.Create(Descriptors.InternalError, LocationInfo.From(parser._syntax.Identifier.GetLocation()), parser._type.Name, error.GetType().Name + ": " + error.Message);
            return new ParseResult(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }), null);
        }
    }

    private ParseResult Run(CancellationToken cancellationToken)
    {
        if (_syntax.Identifier.IsMissing || _type.Name.Length == 0 || HasUnnamedNamespace(_type))
        {
            // A class (or a namespace around it) whose name is still being typed: the compiler reports it; there is nothing
            // to name generated code after.
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty, null);
        }

        var identifier = LocationInfo.From(_syntax.Identifier.GetLocation());
        var kinds = _type.GetAttributes().Where(a => SymbolFacts.IsKindAttribute(a.AttributeClass)).ToList();
        if (kinds.Count > 1)
        {
            // Every kind's pipeline sees the class; only the first attribute's reports, so the error appears once.
            if (SymbolEqualityComparer.Default.Equals(kinds[0].AttributeClass, _attribute.AttributeClass))
            {
                ReportSignature(identifier, null, "carries more than one of [Node], [BatchNode], [ParallelBatchNode], [Graph], [BatchGraph] and [ParallelBatchGraph]; keep one");
            }

            return new ParseResult(null, _diagnostics.ToEquatableArray(), null);
        }

        CheckPartial();
        if (_type.IsStatic)
        {
            ReportSignature(identifier, null, "is static; KayGraph nodes and graphs are instances that implement the runtime's interfaces");
        }
        if (_type.IsGenericType)
        {
            ReportSignature(identifier, null, "is generic; KayGraph nodes and graphs cannot have type parameters");
        }

        var containing = new List<ContainingType>();
        for (var outer = _type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingType(PartialKeyword(outer), outer.Name));
        }

        var (maxRetries, wait, maxConcurrency) = ReadSettings();
        var (edges, members) = ReadEdges(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        string? shared = null;
        var prepType = UnitType;
        var execType = UnitType;
        string? itemType = null;
        var itemsAreAsync = false;
        string? start = null;
        var phases = new List<PhaseModel>();
        if (IsGraph)
        {
            (start, shared) = ReadGraph(phases);
        }
        else
        {
            (shared, prepType, execType, itemType, itemsAreAsync) = ReadPhases(phases);
        }

        var fullName = _type.ToDisplayString(Naming.TypeFormat);
        var ns = _type.ContainingNamespace.IsGlobalNamespace ? string.Empty : _type.ContainingNamespace.ToDisplayString();
        var hasParameterless = _type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal);
        var model = new NodeModel(
            _kind,
            _type.Name,
            PartialKeyword(_type),
            fullName,
            ns,
            containing.ToEquatableArray(),
            Naming.HintName(fullName),
            shared,
            prepType,
            execType,
            itemType,
            itemsAreAsync,
            maxRetries,
            wait,
            maxConcurrency,
            hasParameterless,
            IsDisposable(),
            start,
            phases.ToEquatableArray(),
            edges.ToEquatableArray(),
            members.ToEquatableArray(),
            _broken);
        var site = new NodeSite(fullName, identifier, _sharedParameter);
        return new ParseResult(model, _diagnostics.ToEquatableArray(), site);
    }

    /// <summary>The keyword a partial declaration of the type (or of a containing type) must repeat (all parts agree on it).</summary>
    private static string PartialKeyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static bool HasUnnamedNamespace(INamedTypeSymbol type)
    {
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name.Length == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the class already takes part in disposal: it implements <c>IDisposable</c> or <c>IAsyncDisposable</c>, or
    /// declares a <c>Dispose</c>/<c>DisposeAsync</c> of its own (then a graph leaves disposal to it).
    /// </summary>
    private bool IsDisposable() =>
        _type.AllInterfaces.Any(i => i.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true } && i.Name is "IDisposable" or "IAsyncDisposable")
        || _type.GetMembers("Dispose").Any(m => m is IMethodSymbol)
        || _type.GetMembers("DisposeAsync").Any(m => m is IMethodSymbol);

    /// <summary>KG0013 on the class (<paramref name="member"/> null) or on one of its phase methods.</summary>
    private void ReportSignature(LocationInfo? location, string? member, string problem) =>
        Report(Descriptors.InvalidPhaseSignature, location, _type.Name, member is null ? string.Empty : "." + member, problem);

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] arguments)
    {
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            _broken = true;
        }
    }

    /// <summary>
    /// A class that is not partial (or sits in one that is not) cannot be extended: it is skipped. KG0001 is reported by the
    /// companion analyzer, on real source locations, so that it can be suppressed and fixed (add <c>partial</c>).
    /// </summary>
    private void CheckPartial()
    {
        if (PartialDeclarations.MissingPartial(_syntax).Any())
        {
            _broken = true;
        }
    }

    private (int MaxRetries, int Wait, int MaxConcurrency) ReadSettings()
    {
        int maxRetries = 1, wait = 0, maxConcurrency = int.MaxValue;
        foreach (var argument in _attribute.NamedArguments)
        {
            if (argument.Value.Value is not int value)
            {
                continue;
            }

            var location = NamedArgumentLocation(argument.Key);
            switch (argument.Key)
            {
                case "MaxRetries":
                    maxRetries = value;
                    if (value < 1)
                    {
                        Report(Descriptors.InvalidAttributeArgument, location, "MaxRetries", value, _type.Name, "it is the total number of attempts and must be at least 1");
                    }

                    break;
                case "WaitMilliseconds":
                    wait = value;
                    if (value < 0)
                    {
                        Report(Descriptors.InvalidAttributeArgument, location, "WaitMilliseconds", value, _type.Name, "the wait between attempts must not be negative");
                    }

                    break;
                case "MaxConcurrency":
                    maxConcurrency = value;
                    if (value < 1)
                    {
                        Report(Descriptors.InvalidAttributeArgument, location, "MaxConcurrency", value, _type.Name, "at least one item must be allowed in flight");
                    }

                    break;
            }
        }

        return (maxRetries, wait, maxConcurrency);
    }

    private LocationInfo? NamedArgumentLocation(string name)
    {
        if (_attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax && syntax.ArgumentList is { } list)
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return LocationInfo.From(argument);
                }
            }

            return LocationInfo.From(syntax);
        }

        return LocationInfo.From(_syntax.Identifier.GetLocation());
    }

    /// <summary>
    /// The transitions and end actions of the class, and the members of its <c>Action</c> enum: every named action whose
    /// name is valid, including one whose target is rejected, so that code returning it does not fail to compile as well.
    /// </summary>
    private (List<EdgeModel> Edges, List<ActionMember> Members) ReadEdges(CancellationToken cancellationToken)
    {
        var edges = new List<EdgeModel>();
        var members = new List<ActionMember>();
        var memberOwners = new Dictionary<string, string>(StringComparer.Ordinal) { ["Default"] = DeclaredActions.DefaultAction };
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declared in DeclaredActions.Read(_type, cancellationToken))
        {
            var location = LocationInfo.From(declared.Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
            var target = declared.Target;
            var action = declared.Action;
            if (string.IsNullOrEmpty(action))
            {
                Report(Descriptors.InvalidActionName, location, _type.Name, action ?? "null", declared.IsEnd ? "is empty; use [End] for the default action" : "is empty; omit the action for the default transition");
                continue;
            }

            var targetName = declared.IsEnd ? "[End]" : target?.Name ?? "?";
            if (targets.TryGetValue(action!, out var previous))
            {
                Report(Descriptors.DuplicateAction, location, _type.Name, action, previous, targetName);
                continue;
            }

            targets[action!] = targetName;
            if (action != DeclaredActions.DefaultAction)
            {
                var member = Naming.ToPascalCase(action!);
                if (member is null)
                {
                    Report(Descriptors.InvalidActionName, location, _type.Name, action, "has no letter or digit to name its Action member");
                    continue;
                }

                if (memberOwners.TryGetValue(member, out var owner))
                {
                    Report(Descriptors.InvalidActionName, location, _type.Name, action, $"collides with action '{owner}': both become Action.{member}");
                    continue;
                }

                memberOwners[member] = action!;
                members.Add(new ActionMember(member, action!, declared.IsEnd));
            }

            if (declared.IsEnd)
            {
                edges.Add(new EdgeModel(action!, null, null));
            }
            else if (target is null || target.TypeKind == TypeKind.Error)
            {
                // The compiler already reports the unresolved type.
                _broken = true;
            }
            else if (!SymbolFacts.IsNodeOrGraph(target))
            {
                Report(Descriptors.NextTargetNotNode, location, _type.Name, target.ToDisplayString());
            }
            else
            {
                edges.Add(new EdgeModel(action!, target.ToDisplayString(Naming.TypeFormat), target.Name));
            }
        }

        _namedActions = members.Count;
        return (edges, members);
    }

    private (string? Start, string? Shared) ReadGraph(List<PhaseModel> phases)
    {
        var location = LocationInfo.From(_attribute.ApplicationSyntaxReference?.GetSyntax());
        string? start = null;
        if (_attribute.ConstructorArguments.Length == 1 && _attribute.ConstructorArguments[0].Value is ITypeSymbol startType && startType.TypeKind != TypeKind.Error)
        {
            if (SymbolFacts.IsNodeOrGraph(startType))
            {
                start = startType.ToDisplayString(Naming.TypeFormat);
            }
            else
            {
                Report(Descriptors.GraphStartInvalid, location, _type.Name, startType.ToDisplayString());
            }
        }
        else
        {
            Report(Descriptors.GraphStartInvalid, location, _type.Name, "(none)");
        }

        string? shared = null;
        foreach (var argument in _attribute.NamedArguments)
        {
            if (argument.Key == "Shared" && argument.Value.Value is ITypeSymbol sharedType && sharedType.TypeKind != TypeKind.Error)
            {
                shared = sharedType.ToDisplayString(Naming.TypeFormat);
            }
        }

        if (_kind is NodeKind.BatchGraph or NodeKind.ParallelBatchGraph)
        {
            var prep = FindPhase(PhaseNames.Prep);
            if (prep is null)
            {
                ReportSignature(LocationInfo.From(_syntax.Identifier.GetLocation()), "Prep", "is missing: a batch graph declares Prep or PrepAsync(TShared shared) returning IEnumerable<IReadOnlyDictionary<string, object?>>");
            }
            else
            {
                var phase = ReadPhase(PhaseKind.GraphPrep, prep.Value.Method, prep.Value.IsAsync);
                if (phase is not null)
                {
                    var parameters = prep.Value.Method.Parameters;
                    if (SplitAmbient(parameters) is not { Count: 1 })
                    {
                        ReportSignature(MethodLocation(prep.Value.Method), prep.Value.Method.Name, "must take (TShared shared[, CancellationToken cancellationToken])");
                    }
                    else
                    {
                        var expected = ParameterSetsType();
                        var produced = UnwrapValue(prep.Value.Method.ReturnType, prep.Value.IsAsync);
                        if (expected is null || produced is null || !Accepts(expected, produced))
                        {
                            ReportSignature(MethodLocation(prep.Value.Method), prep.Value.Method.Name, "must return IEnumerable<IReadOnlyDictionary<string, object?>> (or a Task/ValueTask of it)");
                        }

                        shared ??= parameters[0].Type.ToDisplayString(Naming.TypeFormat);
                        phases.Add(phase);
                    }
                }
            }
        }

        return (start, shared);
    }

    private ITypeSymbol? ParameterSetsType()
    {
        var enumerable = _compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        var dictionary = _compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
        if (dictionary is null)
        {
            return null;
        }

        var set = dictionary.Construct(_compilation.GetSpecialType(SpecialType.System_String), _compilation.GetSpecialType(SpecialType.System_Object));
        return enumerable.Construct(set);
    }

    private (string? Shared, string Prep, string Exec, string? Item, bool ItemsAreAsync) ReadPhases(List<PhaseModel> phases)
    {
        var sharedTypes = new List<(ITypeSymbol Type, IMethodSymbol Method)>();

        // prep (a rejected phase is reported once; checks that depend on its result are skipped)
        ITypeSymbol? prepValue = null;
        var prepRejected = false;
        var prep = FindPhase(PhaseNames.Prep);
        if (prep is { } p)
        {
            var parameters = p.Method.Parameters;
            if (SplitAmbient(parameters) is not { Count: 1 })
            {
                ReportSignature(MethodLocation(p.Method), p.Method.Name, "must take (TShared shared[, CancellationToken cancellationToken])");
                prepRejected = true;
            }
            else if (ReadPhase(PhaseKind.Prep, p.Method, p.IsAsync) is { } phase)
            {
                sharedTypes.Add((parameters[0].Type, p.Method));
                prepValue = UnwrapValue(p.Method.ReturnType, p.IsAsync);
                phases.Add(phase);
            }
            else
            {
                prepRejected = true;
            }
        }
        else
        {
            prepRejected = _rejectedPhase;
        }

        // batch items
        ITypeSymbol? item = null;
        var itemsAreAsync = false;
        if (IsBatch)
        {
            if (prep is null && !prepRejected)
            {
                ReportSignature(LocationInfo.From(_syntax.Identifier.GetLocation()), "Prep", "is missing: a batch node's Prep returns the items (IEnumerable<T> or IAsyncEnumerable<T>)");
            }
            else if (prepValue is not null && !prepRejected && prep is { } batchPrep)
            {
                (item, itemsAreAsync) = SymbolFacts.FindItemType(prepValue);
                if (item is null)
                {
                    ReportSignature(MethodLocation(batchPrep.Method), batchPrep.Method.Name, $"returns '{prepValue.ToDisplayString()}'; a batch node's Prep returns IEnumerable<T> or IAsyncEnumerable<T>");
                }
            }
        }

        var input = IsBatch ? item : prepValue;
        var inputUnknown = prepRejected || (IsBatch && item is null);
        var inputDescription = IsBatch ? "batch item" : "prep's result";

        // exec
        ITypeSymbol? execValue = null;
        _rejectedPhase = false;
        var exec = FindPhase(PhaseNames.Exec);
        var execRejected = _rejectedPhase;
        if (exec is { } e)
        {
            var parameters = e.Method.Parameters;
            var split = SplitAmbient(parameters);
            if (split is not { Count: <= 1 })
            {
                ReportSignature(MethodLocation(e.Method), e.Method.Name, $"must take ([TPrep prep][, CancellationToken cancellationToken])");
                execRejected = true;
            }
            else
            {
                var arguments = new List<ArgumentKind>();
                if (split.Value.Count == 1)
                {
                    if (!inputUnknown && (input is null || !Accepts(parameters[0].Type, input)))
                    {
                        Report(Descriptors.ExecParameterMismatch, LocationInfo.From(parameters[0].Locations.FirstOrDefault()), _type.Name, e.Method.Name, parameters[0].Type.ToDisplayString(), input?.ToDisplayString() ?? "nothing (no Prep)");
                    }

                    arguments.Add(IsBatch ? ArgumentKind.Item : ArgumentKind.Prep);
                }

                arguments.AddRange(split.Value.Ambient);
                if (ReadPhase(PhaseKind.Exec, e.Method, e.IsAsync, arguments) is { } phase)
                {
                    execValue = UnwrapValue(e.Method.ReturnType, e.IsAsync);
                    phases.Add(phase);
                }
                else
                {
                    execRejected = true;
                }
            }
        }
        else if (IsBatch)
        {
            ReportSignature(LocationInfo.From(_syntax.Identifier.GetLocation()), "Exec", "is missing: a batch node runs Exec or ExecAsync once per item");
        }

        // fallback
        var fallback = FindPhase(PhaseNames.ExecFallback);
        if (fallback is { } f)
        {
            var parameters = f.Method.Parameters;
            var arguments = new List<ArgumentKind>();
            var index = 0;
            if (parameters.Length > 0 && !SymbolFacts.IsException(parameters[0].Type) && SymbolFacts.AmbientKind(parameters[0].Type) is null)
            {
                if (!inputUnknown && (input is null || !Accepts(parameters[0].Type, input)))
                {
                    Report(Descriptors.ExecParameterMismatch, LocationInfo.From(parameters[0].Locations.FirstOrDefault()), _type.Name, f.Method.Name, parameters[0].Type.ToDisplayString(), input?.ToDisplayString() ?? "nothing (no Prep)");
                }

                arguments.Add(IsBatch ? ArgumentKind.Item : ArgumentKind.Prep);
                index = 1;
            }

            var split = SplitAmbient(parameters);
            if (split is null || split.Value.Count != index + 1 || !SymbolFacts.IsException(parameters[index].Type))
            {
                ReportSignature(MethodLocation(f.Method), f.Method.Name, $"must take ({(input is null ? string.Empty : "TPrep prep, ")}Exception error[, CancellationToken cancellationToken])");
            }
            else
            {
                arguments.Add(ArgumentKind.Error);
                arguments.AddRange(split.Value.Ambient);

                var value = UnwrapValue(f.Method.ReturnType, f.IsAsync);
                if (!execRejected && !SameValue(value, execValue))
                {
                    ReportSignature(MethodLocation(f.Method), f.Method.Name, $"returns '{value?.ToDisplayString() ?? "nothing"}', but exec returns '{execValue?.ToDisplayString() ?? "nothing"}'");
                }
                else if (ReadPhase(PhaseKind.Fallback, f.Method, f.IsAsync, arguments) is { } phase)
                {
                    phases.Add(phase);
                }
            }
        }

        // post
        var post = FindPhase(PhaseNames.Post);
        if (post is { } q)
        {
            ReadPost(q.Method, q.IsAsync, prep is not null || prepRejected, prepRejected ? null : prepValue, execRejected ? null : execValue, item, sharedTypes, phases, prepRejected, execRejected);
        }

        // error hook
        var onError = FindPhase(PhaseNames.OnError);
        if (onError is { } o)
        {
            var parameters = o.Method.Parameters;
            var split = SplitAmbient(parameters);
            if (split is not { Count: 2 } || !SymbolFacts.IsException(parameters[1].Type))
            {
                ReportSignature(MethodLocation(o.Method), o.Method.Name, "must take (TShared shared, Exception error)");
            }
            else if (ReadPhase(PhaseKind.OnError, o.Method, o.IsAsync, new[] { ArgumentKind.Shared, ArgumentKind.Error }.Concat(split.Value.Ambient).ToList()) is { } phase)
            {
                if (phase.Result != PostResult.Boolean)
                {
                    ReportSignature(MethodLocation(o.Method), o.Method.Name, "must return bool (true suppresses the error), or a Task/ValueTask of bool");
                }
                else
                {
                    sharedTypes.Add((parameters[0].Type, o.Method));
                    phases.Add(phase);
                }
            }
        }

        // one shared type per node (an unresolved one never reaches generated code: the compiler reports it)
        ITypeSymbol? shared = null;
        foreach (var (type, method) in sharedTypes)
        {
            if (SymbolFacts.ContainsErrorType(type))
            {
                _broken = true;
                continue;
            }

            if (shared is null)
            {
                shared = type;
                _sharedParameter = LocationInfo.From(method.Parameters[0].Locations.FirstOrDefault());
            }
            else if (!SymbolEqualityComparer.Default.Equals(shared, type))
            {
                Report(Descriptors.PostParameterMismatch, LocationInfo.From(method.Parameters[0].Locations.FirstOrDefault()), _type.Name, method.Name, method.Parameters[0].Name, type.ToDisplayString(), "the shared store", shared.ToDisplayString());
            }
        }

        string Display(ITypeSymbol? type) => type is null ? UnitType : type.ToDisplayString(Naming.TypeFormat);
        return (shared is null ? null : Display(shared), Display(prepValue), Display(execValue), item is null ? null : Display(item), itemsAreAsync);
    }

    private void ReadPost(IMethodSymbol method, bool isAsync, bool hasPrep, ITypeSymbol? prepValue, ITypeSymbol? execValue, ITypeSymbol? item, List<(ITypeSymbol, IMethodSymbol)> sharedTypes, List<PhaseModel> phases, bool prepRejected, bool execRejected)
    {
        var parameters = method.Parameters;
        var split = SplitAmbient(parameters);
        var count = split?.Count ?? -1;
        var slots = new List<(ArgumentKind Kind, ITypeSymbol? Type, string What, bool Unknown)>();
        if (hasPrep && IsBatch)
        {
            // A batch node's prep result is enumerated once; post gets the items as that materialized list.
            var list = _compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
            slots.Add((ArgumentKind.Items, item is not null && list is not null ? list.Construct(item) : null, "the batch items", prepRejected || item is null));
        }
        else if (hasPrep)
        {
            slots.Add((ArgumentKind.Prep, prepValue, "prep's result", prepRejected));
        }

        ITypeSymbol? execArgument = execValue;
        if (IsBatch && item is not null)
        {
            var list = _compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
            var result = execValue ?? _compilation.GetTypeByMetadataName("KayGraph.Unit");
            execArgument = list is not null && result is not null ? list.Construct(result) : null;
        }

        slots.Add((ArgumentKind.Exec, execArgument, IsBatch ? "the batch results" : "exec's result", execRejected || (IsBatch && item is null)));
        if (split is null || count < 1 || count - 1 > slots.Count)
        {
            var shape = hasPrep ? "(TShared shared[, TPrep prep][, TExec exec][, CancellationToken cancellationToken])" : "(TShared shared[, TExec exec][, CancellationToken cancellationToken])";
            ReportSignature(MethodLocation(method), method.Name, "must take " + shape);
            return;
        }

        var arguments = new List<ArgumentKind> { ArgumentKind.Shared };
        for (var i = 1; i < count; i++)
        {
            var (kind, type, what, unknown) = slots[i - 1];
            var parameter = parameters[i];
            if (!unknown && (type is null || !Accepts(parameter.Type, type)))
            {
                Report(Descriptors.PostParameterMismatch, LocationInfo.From(parameter.Locations.FirstOrDefault()), _type.Name, method.Name, parameter.Name, parameter.Type.ToDisplayString(), what, type?.ToDisplayString() ?? "nothing");
            }

            arguments.Add(kind);
        }

        arguments.AddRange(split.Value.Ambient);
        if (ReadPhase(PhaseKind.Post, method, isAsync, arguments) is not { } phase)
        {
            return;
        }

        if (phase.Result == PostResult.Action && _namedActions == 0)
        {
            ReportSignature(MethodLocation(method), method.Name, $"returns 'Action', but '{_type.Name}' declares no named actions, so it has no generated Action enum; return nothing (the default action) or a string, or declare an action with [Next<T>(\"name\")] or [End(\"name\")]");
            return;
        }

        if (phase.Result is PostResult.Other or PostResult.Boolean)
        {
            ReportSignature(MethodLocation(method), method.Name, $"returns '{method.ReturnType.ToDisplayString()}'; post returns nothing, string? or the generated Action (or a Task/ValueTask of those)");
            return;
        }

        sharedTypes.Add((parameters[0].Type, method));
        phases.Add(phase);
    }

    /// <summary>
    /// Splits a phase's parameters into the positional ones (their count) and the trailing ambient ones: the run's
    /// <c>CancellationToken</c> and <c>NodeContext</c>, each at most once, in either order. <see langword="null"/> when an
    /// ambient type stands among the positional parameters or appears twice.
    /// </summary>
    private static (int Count, List<ArgumentKind> Ambient)? SplitAmbient(ImmutableArray<IParameterSymbol> parameters)
    {
        var count = parameters.Length;
        var ambient = new List<ArgumentKind>();
        while (count > 0 && SymbolFacts.AmbientKind(parameters[count - 1].Type) is { } kind)
        {
            if (ambient.Contains(kind))
            {
                return null;
            }

            ambient.Insert(0, kind);
            count--;
        }

        for (var i = 0; i < count; i++)
        {
            if (SymbolFacts.AmbientKind(parameters[i].Type) is not null)
            {
                return null;
            }
        }

        return (count, ambient);
    }

    /// <summary>Finds the sync or async method of a phase; reports both-declared and overloads.</summary>
    private (IMethodSymbol Method, bool IsAsync)? FindPhase(string syncName)
    {
        var asyncName = PhaseNames.ToAsync(syncName);
        var sync = Single(syncName);
        var async = Single(asyncName);
        if (sync is not null && async is not null)
        {
            Report(Descriptors.PhaseSyncAndAsync, MethodLocation(async), _type.Name, syncName, asyncName);
            _rejectedPhase = true;
            return null;
        }

        return sync is not null ? (sync, false) : async is not null ? (async, true) : null;
    }

    private IMethodSymbol? Single(string name)
    {
        var method = SingleCore(name);
        if (method is null && _type.GetMembers(name).OfType<IMethodSymbol>().Any(m => m.MethodKind == MethodKind.Ordinary))
        {
            _rejectedPhase = true;
        }

        return method;
    }

    private IMethodSymbol? SingleCore(string name)
    {
        var methods = _type.GetMembers(name).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        if (methods.Count == 0)
        {
            return null;
        }

        if (methods.Count > 1)
        {
            ReportSignature(MethodLocation(methods[1]), name, "is overloaded; declare each phase once");
            return null;
        }

        var method = methods[0];
        if (method.IsStatic)
        {
            ReportSignature(MethodLocation(method), name, "is static; phases are instance methods");
            return null;
        }

        if (method.IsGenericMethod)
        {
            ReportSignature(MethodLocation(method), name, "is generic; phases cannot have type parameters");
            return null;
        }

        if (method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            ReportSignature(MethodLocation(method), name, "has a ref, out or in parameter; phases take their inputs by value");
            return null;
        }

        return method;
    }

    private PhaseModel? ReadPhase(PhaseKind kind, IMethodSymbol method, bool isAsync, IReadOnlyList<ArgumentKind>? arguments = null)
    {
        var returnType = method.ReturnType;
        ResultShape shape;
        ITypeSymbol? value = null;
        if (isAsync && kind == PhaseKind.Prep && IsBatch && SymbolFacts.FindItemType(returnType) is { Item: not null, IsAsync: true })
        {
            // An async iterator (async IAsyncEnumerable<T> PrepAsync) yields the items itself: no task to await.
            shape = ResultShape.Value;
            value = returnType;
        }
        else if (isAsync)
        {
            if (SymbolFacts.IsTasksType(returnType, "Task", 0))
            {
                shape = ResultShape.Task;
            }
            else if (SymbolFacts.IsTasksType(returnType, "ValueTask", 0))
            {
                shape = ResultShape.ValueTask;
            }
            else if (SymbolFacts.IsTasksType(returnType, "Task", 1))
            {
                shape = ResultShape.TaskOfT;
                value = ((INamedTypeSymbol)returnType).TypeArguments[0];
            }
            else if (SymbolFacts.IsTasksType(returnType, "ValueTask", 1))
            {
                shape = ResultShape.ValueTaskOfT;
                value = ((INamedTypeSymbol)returnType).TypeArguments[0];
            }
            else
            {
                Report(Descriptors.AsyncPhaseNotAwaitable, MethodLocation(method), _type.Name, method.Name, returnType.ToDisplayString());
                return null;
            }
        }
        else if (returnType.SpecialType == SpecialType.System_Void)
        {
            shape = ResultShape.Void;
        }
        else
        {
            shape = ResultShape.Value;
            value = returnType;
        }

        var result = value switch
        {
            null => PostResult.Nothing,
            { SpecialType: SpecialType.System_String } => PostResult.String,
            { SpecialType: SpecialType.System_Boolean } => PostResult.Boolean,
            _ when IsActionType(value) => PostResult.Action,
            _ => PostResult.Other,
        };

        // A type that does not resolve (the compiler reports it) must not reach generated code: skip the class silently.
        // The generated Action is the exception: it does not exist before generation.
        if (method.Parameters.Any(p => SymbolFacts.ContainsErrorType(p.Type)) || (value is not null && result != PostResult.Action && SymbolFacts.ContainsErrorType(value)))
        {
            _broken = true;
        }

        var defaultArguments = kind switch
        {
            PhaseKind.Prep or PhaseKind.GraphPrep => new[] { ArgumentKind.Shared }.Concat(SplitAmbient(method.Parameters)?.Ambient ?? Enumerable.Empty<ArgumentKind>()).ToArray(),
            _ => Array.Empty<ArgumentKind>(),
        };

        var valueType = value is null ? null : (result == PostResult.Action ? "Action" : value.ToDisplayString(Naming.TypeFormat));
        return new PhaseModel(kind, method.Name, shape, valueType, result, (arguments ?? defaultArguments).ToEquatableArray());
    }

    /// <summary>The generated nested Action enum: unresolved before generation, the nested type after.</summary>
    private bool IsActionType(ITypeSymbol type) =>
        type.Name == "Action" && (type.TypeKind == TypeKind.Error || SymbolEqualityComparer.Default.Equals(type.ContainingType, _type) ||
            (type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, Arity: 0, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }));

    private static ITypeSymbol? UnwrapValue(ITypeSymbol type, bool isAsync)
    {
        if (isAsync && SymbolFacts.FindItemType(type) is { Item: not null, IsAsync: true })
        {
            return type; // an async iterator returns its IAsyncEnumerable<T> directly
        }

        if (!isAsync)
        {
            return type.SpecialType == SpecialType.System_Void ? null : type;
        }

        return type is INamedTypeSymbol { Arity: 1 } named && (SymbolFacts.IsTasksType(named, "Task", 1) || SymbolFacts.IsTasksType(named, "ValueTask", 1))
            ? named.TypeArguments[0]
            : null;
    }

    private static bool SameValue(ITypeSymbol? left, ITypeSymbol? right) =>
        (left is null && right is null) || (left is not null && right is not null && SymbolEqualityComparer.Default.Equals(left, right));

    /// <summary>Whether a parameter of type <paramref name="destination"/> accepts a value of <paramref name="source"/> without boxing.</summary>
    private bool Accepts(ITypeSymbol destination, ITypeSymbol source)
    {
        if (destination.TypeKind == TypeKind.Error || source.TypeKind == TypeKind.Error)
        {
            return true; // the compiler reports the unresolved type
        }

        var conversion = _compilation.ClassifyConversion(source, destination);
        return conversion.Exists && conversion.IsImplicit && !conversion.IsBoxing;
    }

    private static LocationInfo? MethodLocation(IMethodSymbol method) => LocationInfo.From(method.Locations.FirstOrDefault());
}
