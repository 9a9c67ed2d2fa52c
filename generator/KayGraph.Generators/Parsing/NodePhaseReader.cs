using System.Collections.Generic;
using System.Linq;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KayGraph.Generators.Parsing;

/// <summary>
/// Reads a node's phases in order (prep, the batch items, exec, fallback, post, error hook). Each reader returns its outcome;
/// a rejected phase is reported once and the checks that depend on its result are skipped, so one mistake gives one
/// diagnostic.
/// </summary>
internal sealed class NodePhaseReader
{
    private readonly ParseContext _context;
    private readonly int _namedActions;
    private readonly List<PhaseModel> _phases = new();
    private readonly List<(ITypeSymbol Type, IMethodSymbol Method)> _sharedTypes = new();
    private InterruptModel? _interrupt;
    private LocationInfo? _interruptParameter;

    private NodePhaseReader(ParseContext context, int namedActions)
    {
        _context = context;
        _namedActions = namedActions;
    }

    /// <summary>Reads every phase of the node in <paramref name="context"/>; <paramref name="namedActions"/> decides whether post may return <c>Action</c>.</summary>
    public static NodePhases Read(ParseContext context, int namedActions) => new NodePhaseReader(context, namedActions).Run();

    private NodePhases Run()
    {
        var prep = ReadPrep();
        var items = ReadItems(prep);
        var input = _context.IsBatch ? items.Item : prep.Value;
        var inputKnown = prep.IsKnown && (!_context.IsBatch || items.Item is not null);
        var exec = ReadExec(input, inputKnown);
        ReadFallback(input, inputKnown, exec);
        ReadPost(prep, items, exec);
        ReadErrorHook();
        var (shared, sharedParameter) = SharedType();

        string Display(ITypeSymbol? type) => type is null ? NodeParser.UnitType : type.ToDisplayString(Naming.TypeFormat);
        return new NodePhases(
            _phases,
            shared is null ? null : Display(shared),
            sharedParameter,
            Display(prep.Value),
            Display(exec.Value),
            items.Item is null ? null : Display(items.Item),
            items.IsAsync,
            _interrupt,
            _interruptParameter);
    }

    private PhaseOutcome ReadPrep()
    {
        var lookup = _context.FindPhase(PhaseNames.Prep);
        if (!lookup.IsFound)
        {
            return lookup.IsRejected ? PhaseOutcome.Rejected : PhaseOutcome.Missing;
        }

        var method = lookup.Method!;
        if (PhaseShapes.SplitAmbient(method.Parameters) is not { Count: 1 })
        {
            _context.ReportSignature(ParseContext.MethodLocation(method), method.Name, "must take (TShared shared[, CancellationToken cancellationToken])");
            return PhaseOutcome.Rejected;
        }

        if (PhaseShapes.Read(_context, PhaseKind.Prep, method, lookup.IsAsync) is not { } phase)
        {
            return PhaseOutcome.Rejected;
        }

        _sharedTypes.Add((method.Parameters[0].Type, method));
        _phases.Add(phase);
        return new PhaseOutcome(phase, PhaseShapes.UnwrapValue(method.ReturnType, lookup.IsAsync), IsRejected: false);
    }

    /// <summary>A batch node's item type, read from prep's result (<c>IEnumerable&lt;T&gt;</c> or <c>IAsyncEnumerable&lt;T&gt;</c>).</summary>
    private (ITypeSymbol? Item, bool IsAsync) ReadItems(PhaseOutcome prep)
    {
        if (!_context.IsBatch || prep.IsRejected)
        {
            return (null, false);
        }

        if (prep.Phase is null)
        {
            _context.ReportSignature(_context.Identifier, "Prep", "is missing: a batch node's Prep returns the items (IEnumerable<T> or IAsyncEnumerable<T>)");
            return (null, false);
        }

        if (prep.Value is null)
        {
            return (null, false);
        }

        var (item, isAsync) = SymbolFacts.FindItemType(prep.Value);
        if (item is null)
        {
            var method = _context.Type.GetMembers(prep.Phase.MethodName).OfType<IMethodSymbol>().First();
            _context.ReportSignature(ParseContext.MethodLocation(method), method.Name, $"returns '{prep.Value.ToDisplayString()}'; a batch node's Prep returns IEnumerable<T> or IAsyncEnumerable<T>");
        }

        return (item, isAsync);
    }

    private PhaseOutcome ReadExec(ITypeSymbol? input, bool inputKnown)
    {
        var lookup = _context.FindPhase(PhaseNames.Exec);
        if (!lookup.IsFound)
        {
            if (!lookup.IsRejected && _context.IsBatch)
            {
                _context.ReportSignature(_context.Identifier, "Exec", "is missing: a batch node runs Exec or ExecAsync once per item");
            }

            return lookup.IsRejected ? PhaseOutcome.Rejected : PhaseOutcome.Missing;
        }

        var method = lookup.Method!;
        var parameters = method.Parameters;
        if (PhaseShapes.SplitAmbient(parameters) is not { Count: <= 1 } split)
        {
            _context.ReportSignature(ParseContext.MethodLocation(method), method.Name, "must take ([TPrep prep][, CancellationToken cancellationToken])");
            return PhaseOutcome.Rejected;
        }

        var arguments = new List<ArgumentKind>();
        if (split.Count == 1)
        {
            if (inputKnown && (input is null || !_context.Accepts(parameters[0].Type, input)))
            {
                _context.Report(Descriptors.ExecParameterMismatch, LocationInfo.From(parameters[0].Locations.FirstOrDefault()), _context.Type.Name, method.Name, parameters[0].Type.ToDisplayString(), input?.ToDisplayString() ?? "nothing (no Prep)");
            }

            arguments.Add(_context.IsBatch ? ArgumentKind.Item : ArgumentKind.Prep);
        }

        arguments.AddRange(split.Ambient);
        if (PhaseShapes.Read(_context, PhaseKind.Exec, method, lookup.IsAsync, arguments) is not { } phase)
        {
            return PhaseOutcome.Rejected;
        }

        if (parameters.FirstOrDefault(p => SymbolFacts.IsInterrupt(p.Type)) is { Type: INamedTypeSymbol interrupt } asking)
        {
            var location = LocationInfo.From(asking.Locations.FirstOrDefault());
            if (_context.IsBatch)
            {
                _context.ReportSignature(location, method.Name, $"takes '{interrupt.ToDisplayString()}', but a batch node cannot suspend its run; ask in a plain node before or after the batch");
                return PhaseOutcome.Rejected;
            }

            var request = interrupt.TypeArguments[0];
            var answer = interrupt.TypeArguments[1];
            if (SymbolFacts.ContainsErrorType(request) || SymbolFacts.ContainsErrorType(answer))
            {
                _context.MarkUnemittable();
            }

            _interrupt = new InterruptModel(request.ToDisplayString(Naming.TypeFormat), answer.ToDisplayString(Naming.TypeFormat), SymbolFacts.RuntimeFullName(request), SymbolFacts.RuntimeFullName(answer));
            _interruptParameter = location;
        }

        _phases.Add(phase);
        return new PhaseOutcome(phase, PhaseShapes.UnwrapValue(method.ReturnType, lookup.IsAsync), IsRejected: false);
    }

    private void ReadFallback(ITypeSymbol? input, bool inputKnown, PhaseOutcome exec)
    {
        var lookup = _context.FindPhase(PhaseNames.ExecFallback);
        if (!lookup.IsFound)
        {
            return;
        }

        var method = lookup.Method!;
        var parameters = method.Parameters;
        var arguments = new List<ArgumentKind>();
        var index = 0;
        if (parameters.Length > 0 && !SymbolFacts.IsException(parameters[0].Type) && SymbolFacts.AmbientKind(parameters[0].Type) is null)
        {
            if (inputKnown && (input is null || !_context.Accepts(parameters[0].Type, input)))
            {
                _context.Report(Descriptors.ExecParameterMismatch, LocationInfo.From(parameters[0].Locations.FirstOrDefault()), _context.Type.Name, method.Name, parameters[0].Type.ToDisplayString(), input?.ToDisplayString() ?? "nothing (no Prep)");
            }

            arguments.Add(_context.IsBatch ? ArgumentKind.Item : ArgumentKind.Prep);
            index = 1;
        }

        var split = PhaseShapes.SplitAmbient(parameters);
        if (split is null || split.Value.Count != index + 1 || !SymbolFacts.IsException(parameters[index].Type))
        {
            _context.ReportSignature(ParseContext.MethodLocation(method), method.Name, $"must take ({(input is null ? string.Empty : "TPrep prep, ")}Exception error[, CancellationToken cancellationToken])");
            return;
        }

        arguments.Add(ArgumentKind.Error);
        arguments.AddRange(split.Value.Ambient);
        var value = PhaseShapes.UnwrapValue(method.ReturnType, lookup.IsAsync);
        if (exec.IsKnown && !_context.SameValue(value, exec.Value))
        {
            _context.ReportSignature(ParseContext.MethodLocation(method), method.Name, $"returns '{value?.ToDisplayString() ?? "nothing"}', but exec returns '{exec.Value?.ToDisplayString() ?? "nothing"}'");
        }
        else if (PhaseShapes.Read(_context, PhaseKind.Fallback, method, lookup.IsAsync, arguments) is { } phase)
        {
            _phases.Add(phase);
        }
    }

    /// <summary>
    /// Post: <c>(TShared shared[, TPrep prep][, TExec exec])</c>. A batch node's prep parameter receives the items
    /// enumerated once (<c>IReadOnlyList&lt;TItem&gt;</c>), its exec parameter the results (<c>IReadOnlyList&lt;TExec&gt;</c>).
    /// </summary>
    private void ReadPost(PhaseOutcome prep, (ITypeSymbol? Item, bool IsAsync) items, PhaseOutcome exec)
    {
        var lookup = _context.FindPhase(PhaseNames.Post);
        if (!lookup.IsFound)
        {
            return;
        }

        var method = lookup.Method!;
        var parameters = method.Parameters;
        var hasPrep = prep.Phase is not null || prep.IsRejected;
        var slots = new List<PostSlot>();
        var list = _context.Compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
        if (hasPrep && _context.IsBatch)
        {
            slots.Add(new PostSlot(ArgumentKind.Items, items.Item is not null && list is not null ? list.Construct(items.Item) : null, "the batch items", prep.IsRejected || items.Item is null));
        }
        else if (hasPrep)
        {
            slots.Add(new PostSlot(ArgumentKind.Prep, prep.Value, "prep's result", prep.IsRejected));
        }

        if (_context.IsBatch)
        {
            var result = exec.Value ?? _context.Compilation.GetTypeByMetadataName("KayGraph.Unit");
            slots.Add(new PostSlot(ArgumentKind.Exec, list is not null && result is not null ? list.Construct(result) : null, "the batch results", exec.IsRejected || items.Item is null));
        }
        else
        {
            slots.Add(new PostSlot(ArgumentKind.Exec, exec.Value, "exec's result", exec.IsRejected));
        }

        var split = PhaseShapes.SplitAmbient(parameters);
        if (split is not { Count: >= 1 } positional || positional.Count - 1 > slots.Count)
        {
            var shape = hasPrep ? "(TShared shared[, TPrep prep][, TExec exec][, CancellationToken cancellationToken])" : "(TShared shared[, TExec exec][, CancellationToken cancellationToken])";
            _context.ReportSignature(ParseContext.MethodLocation(method), method.Name, "must take " + shape);
            return;
        }

        var arguments = new List<ArgumentKind> { ArgumentKind.Shared };
        for (var i = 1; i < positional.Count; i++)
        {
            var slot = slots[i - 1];
            var parameter = parameters[i];
            if (!slot.IsUnknown && (slot.Type is null || !_context.Accepts(parameter.Type, slot.Type)))
            {
                _context.Report(Descriptors.PostParameterMismatch, LocationInfo.From(parameter.Locations.FirstOrDefault()), _context.Type.Name, method.Name, parameter.Name, parameter.Type.ToDisplayString(), slot.What, slot.Type?.ToDisplayString() ?? "nothing");
            }

            arguments.Add(slot.Kind);
        }

        arguments.AddRange(positional.Ambient);
        if (PhaseShapes.Read(_context, PhaseKind.Post, method, lookup.IsAsync, arguments) is not { } phase)
        {
            return;
        }

        if (phase.Result == PostResult.Action && _namedActions == 0)
        {
            _context.ReportSignature(ParseContext.MethodLocation(method), method.Name, $"returns 'Action', but '{_context.Type.Name}' declares no named actions, so it has no generated Action enum; return nothing (the default action) or a string, or declare an action with [Next<T>(\"name\")] or [End(\"name\")]");
            return;
        }

        if (phase.Result is PostResult.Other or PostResult.Boolean)
        {
            _context.ReportSignature(ParseContext.MethodLocation(method), method.Name, $"returns '{method.ReturnType.ToDisplayString()}'; post returns nothing, string? or the generated Action (or a Task/ValueTask of those)");
            return;
        }

        _sharedTypes.Add((parameters[0].Type, method));
        _phases.Add(phase);
    }

    private void ReadErrorHook()
    {
        var lookup = _context.FindPhase(PhaseNames.OnError);
        if (!lookup.IsFound)
        {
            return;
        }

        var method = lookup.Method!;
        var parameters = method.Parameters;
        var split = PhaseShapes.SplitAmbient(parameters);
        if (split is not { Count: 2 } positional || !SymbolFacts.IsException(parameters[1].Type))
        {
            _context.ReportSignature(ParseContext.MethodLocation(method), method.Name, "must take (TShared shared, Exception error)");
            return;
        }

        var arguments = new List<ArgumentKind> { ArgumentKind.Shared, ArgumentKind.Error };
        arguments.AddRange(positional.Ambient);
        if (PhaseShapes.Read(_context, PhaseKind.OnError, method, lookup.IsAsync, arguments) is not { } phase)
        {
            return;
        }

        if (phase.Result != PostResult.Boolean)
        {
            _context.ReportSignature(ParseContext.MethodLocation(method), method.Name, "must return bool (true suppresses the error), or a Task/ValueTask of bool");
            return;
        }

        _sharedTypes.Add((parameters[0].Type, method));
        _phases.Add(phase);
    }

    /// <summary>One shared type per node; an unresolved one never reaches generated code (the compiler reports it).</summary>
    private (ITypeSymbol? Shared, LocationInfo? Parameter) SharedType()
    {
        ITypeSymbol? shared = null;
        LocationInfo? location = null;
        foreach (var (type, method) in _sharedTypes)
        {
            if (SymbolFacts.ContainsErrorType(type))
            {
                _context.MarkUnemittable();
                continue;
            }

            if (shared is null)
            {
                shared = type;
                location = LocationInfo.From(method.Parameters[0].Locations.FirstOrDefault());
            }
            else if (!SymbolEqualityComparer.Default.Equals(shared, type))
            {
                _context.Report(Descriptors.PostParameterMismatch, LocationInfo.From(method.Parameters[0].Locations.FirstOrDefault()), _context.Type.Name, method.Name, method.Parameters[0].Name, type.ToDisplayString(), "the shared store", shared.ToDisplayString());
            }
        }

        return (shared, location);
    }

    /// <summary>One positional parameter of post after the store: what it receives, its type, and whether that is unknown.</summary>
    private readonly record struct PostSlot(ArgumentKind Kind, ITypeSymbol? Type, string What, bool IsUnknown);
}

/// <summary>What a node's phases give its model.</summary>
internal sealed record NodePhases(
    List<PhaseModel> Phases,
    string? SharedType,
    LocationInfo? SharedParameter,
    string PrepType,
    string ExecType,
    string? ItemType,
    bool ItemsAreAsync,
    InterruptModel? Interrupt = null,
    LocationInfo? InterruptParameter = null);
