using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KayGraph.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Generators.Analysis;

/// <summary>
/// What a durable graph saves in its checkpoints, resolved back to symbols at compilation end: its shared store, the requests
/// and answers of the interrupts it runs, and its <c>Json</c> context (with the location of the <c>Json = typeof(...)</c>
/// argument) when it names one.
/// </summary>
internal sealed record DurableGraph(
    string Name,
    ITypeSymbol? Store,
    IReadOnlyList<(ITypeSymbol Type, string Role)> Interrupts,
    INamedTypeSymbol? JsonContext,
    Location JsonLocation);

/// <summary>
/// KG0017 and KG0018: the build-time checks on what durable graphs serialize with System.Text.Json. KG0017 walks the store
/// type and the interrupt types (each type once, through collections' element types and source types' serialized members)
/// and reports, on the culprit's own declaration, state that System.Text.Json drops or cannot read back with STJ's defaults
/// (or the <c>Json</c> context's <c>[JsonSourceGenerationOptions]</c>); each member once, however many graphs reach it.
/// KG0018 reports, on a graph's <c>Json</c> argument, a store, request or answer type that its context's
/// <c>[JsonSerializable]</c> types do not cover.
/// </summary>
internal sealed class DurableStateChecks
{
    /// <summary>Diagnostic property: how KG0017's fix can help (<see cref="FieldToPropertyFix"/>), absent when it cannot.</summary>
    public const string FixProperty = "Fix";

    /// <summary>KG0017 on a public field: the fix turns it into an auto-property.</summary>
    public const string FieldToPropertyFix = "FieldToProperty";

    /// <summary>Diagnostic property of KG0018: the type to list, fully qualified (<c>global::</c>), for <c>typeof</c>.</summary>
    public const string TypeProperty = "Type";

    private const string SerializationNamespace = "System.Text.Json.Serialization";

    private static readonly SymbolDisplayFormat TypeOfFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    private static readonly SymbolDisplayFormat MessageFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

    /// <summary>Interfaces System.Text.Json reads back into a concrete collection of its own (their type arguments are checked).</summary>
    private static readonly HashSet<string> CollectionInterfaces = new(StringComparer.Ordinal)
    {
        "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.ICollection`1", "System.Collections.Generic.IList`1",
        "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.ISet`1",
        "System.Collections.Generic.IReadOnlySet`1", "System.Collections.Generic.IDictionary`2", "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Collections.Immutable.IImmutableList`1", "System.Collections.Immutable.IImmutableSet`1", "System.Collections.Immutable.IImmutableQueue`1",
        "System.Collections.Immutable.IImmutableStack`1", "System.Collections.Immutable.IImmutableDictionary`2",
    };

    private readonly Action<Diagnostic> _report;
    private readonly HashSet<ISymbol> _reported = new(SymbolEqualityComparer.Default);
    private readonly HashSet<(ITypeSymbol, Rules)> _visited = new(new VisitComparer());

    private DurableStateChecks(Action<Diagnostic> report) => _report = report;

    /// <summary>Runs both checks over <paramref name="graphs"/> (in a deterministic order).</summary>
    public static void Run(CompilationAnalysisContext context, IEnumerable<DurableGraph> graphs)
    {
        var checks = new DurableStateChecks(context.ReportDiagnostic);
        foreach (var graph in graphs)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var rules = Rules.Of(graph.JsonContext);
            foreach (var (type, _) in Roots(graph))
            {
                checks.Visit(type, rules, graph.Name);
            }

            if (graph.JsonContext is { } json)
            {
                checks.CheckCoverage(graph, json, rules);
            }
        }
    }

    private static IEnumerable<(ITypeSymbol Type, string Role)> Roots(DurableGraph graph) =>
        (graph.Store is null ? Enumerable.Empty<(ITypeSymbol, string)>() : new[] { (graph.Store, "the shared store") }).Concat(graph.Interrupts);

    // ---- KG0018 ----

    private void CheckCoverage(DurableGraph graph, INamedTypeSymbol json, Rules rules)
    {
        var covered = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var attribute in json.GetAttributes())
        {
            if (IsSerializationAttribute(attribute.AttributeClass, "JsonSerializableAttribute") &&
                attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is ITypeSymbol listed)
            {
                Cover(listed, rules, covered);
            }
        }

        var missing = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var (type, role) in Roots(graph))
        {
            if (!covered.Contains(type) && missing.Add(type))
            {
                var typeOf = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeOfFormat);
                var properties = ImmutableDictionary<string, string?>.Empty.Add(TypeProperty, typeOf);
                _report(Diagnostic.Create(
                    Descriptors.JsonContextMissingType,
                    graph.JsonLocation,
                    properties,
                    json.Name,
                    graph.Name,
                    type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(MessageFormat),
                    role));
            }
        }
    }

    /// <summary>The types a source-generated context gets metadata for from one listed type: it and what it reaches.</summary>
    private static void Cover(ITypeSymbol type, Rules rules, HashSet<ITypeSymbol> covered)
    {
        if (!covered.Add(type))
        {
            return;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                Cover(array.ElementType, rules, covered);
                return;
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                {
                    Cover(argument, rules, covered);
                }

                if (IsInSource(named))
                {
                    foreach (var member in SerializedMembers(named, rules))
                    {
                        Cover(member.Type, rules, covered);
                    }

                    foreach (var derived in DerivedTypes(named))
                    {
                        Cover(derived, rules, covered);
                    }
                }

                return;
        }
    }

    // ---- KG0017 ----

    private void Visit(ITypeSymbol type, Rules rules, string graph)
    {
        if (!_visited.Add((type, rules)))
        {
            return;
        }

        if (type is IArrayTypeSymbol array)
        {
            Visit(array.ElementType, rules, graph);
            return;
        }

        if (type is not INamedTypeSymbol named || (named.SpecialType != SpecialType.None && !named.IsGenericType) || named.TypeKind == TypeKind.Enum || HasSerializationAttribute(named, "JsonConverterAttribute"))
        {
            return;
        }

        if (!IsInSource(named) || named.IsTupleType)
        {
            // A collection, Nullable<T> or another type of the platform: what it holds is what can be lost.
            foreach (var argument in named.TypeArguments)
            {
                Visit(argument, rules, graph);
            }

            return;
        }

        if (named.TypeKind == TypeKind.Interface || named.IsAbstract)
        {
            foreach (var derived in DerivedTypes(named))
            {
                Visit(derived, rules, graph);
            }

            return;
        }

        if (named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return;
        }

        var constructor = DeserializationConstructor(named, out var usable);
        if (!usable)
        {
            Report(named, null, "has no constructor System.Text.Json can use to read it back (a public parameterless one, a single public one, or one marked [JsonConstructor])", graph);
        }

        var parameters = new HashSet<string>(
            (constructor is null ? named.InstanceConstructors.AsEnumerable() : new[] { constructor }).SelectMany(c => c.Parameters).Select(p => p.Name),
            StringComparer.OrdinalIgnoreCase);
        foreach (var member in AllMembers(named))
        {
            if (Ignored(member.Symbol) || HasSerializationAttribute(member.Symbol, "JsonExtensionDataAttribute"))
            {
                continue;
            }

            var included = HasSerializationAttribute(member.Symbol, "JsonIncludeAttribute");
            if (member.Symbol is IFieldSymbol field)
            {
                if (!rules.IncludeFields && !included)
                {
                    Report(field, FieldToPropertyFix, "is a public field, which System.Text.Json skips without IncludeFields or [JsonInclude], so a resumed run loses it; make it a property { get; set; }", graph);
                    continue;
                }

                if (field.IsReadOnly && !parameters.Contains(field.Name) && !Populates(field, named, rules))
                {
                    Report(field, null, "is a readonly field that no constructor parameter sets, so System.Text.Json writes it but cannot read it back; drop readonly or add a constructor parameter of the same name", graph);
                    continue;
                }
            }
            else if (member.Symbol is IPropertySymbol property &&
                     !(property.SetMethod is { } setter && (setter.DeclaredAccessibility == Accessibility.Public || included)) &&
                     !parameters.Contains(property.Name) && !Populates(property, named, rules))
            {
                var populate = IsCollection(property.Type) ? ", or [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] to fill the collection it starts with" : string.Empty;
                Report(property, null, "has no public setter and no constructor parameter of the same name, so System.Text.Json writes it but cannot read it back; add a setter (set or init) or a constructor parameter" + populate, graph);
                continue;
            }

            if (Unrestorable(member.Type, rules) is { } problem)
            {
                var (culprit, why) = problem;
                var typeName = member.Type.ToDisplayString(MessageFormat);
                Report(member.Symbol, null, SymbolEqualityComparer.Default.Equals(culprit, member.Type)
                    ? "has type '" + typeName + "', which " + why
                    : "has type '" + typeName + "', whose '" + culprit.ToDisplayString(MessageFormat) + "' " + why, graph);
                continue;
            }

            if (!HasSerializationAttribute(member.Symbol, "JsonConverterAttribute"))
            {
                Visit(member.Type, rules, graph);
            }
        }
    }

    private void Report(ISymbol culprit, string? fix, string reason, string graph)
    {
        var original = culprit.OriginalDefinition;
        if (original.Locations.FirstOrDefault(l => l.IsInSource) is not { } location || !_reported.Add(original))
        {
            return;
        }

        var name = culprit is ITypeSymbol type ? type.ToDisplayString(MessageFormat) : culprit.ContainingType.Name + "." + culprit.Name;
        var properties = fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix);
        _report(Diagnostic.Create(Descriptors.DurableStateNotRestorable, location, properties, name, reason, graph));
    }

    /// <summary>
    /// The type (<paramref name="type"/> itself, or one it holds) that System.Text.Json cannot write or read back, and why; a
    /// platform collection, <c>Nullable&lt;T&gt;</c> or array is looked through.
    /// </summary>
    private static (ITypeSymbol Culprit, string Why)? Unrestorable(ITypeSymbol type, Rules rules)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Unrestorable(array.ElementType, rules);
            case { SpecialType: SpecialType.System_Object }:
                return (type, "System.Text.Json reads back as a JsonElement, not the value that was stored");
            case { TypeKind: TypeKind.Delegate }:
                return (type, "is code, not data: System.Text.Json cannot save it");
            case { TypeKind: TypeKind.TypeParameter or TypeKind.Dynamic or TypeKind.Pointer or TypeKind.FunctionPointer }:
                return null;
            case INamedTypeSymbol named:
                if (HasSerializationAttribute(named, "JsonConverterAttribute"))
                {
                    return null;
                }

                if (DerivesFrom(named, "System.Threading.Tasks", "Task") || DerivesFrom(named, "System.Threading.Tasks", "ValueTask"))
                {
                    return (type, "is a running operation, not data: System.Text.Json cannot restore it");
                }

                if (named is { Name: "CancellationToken", ContainingNamespace: var ns } && ns.ToDisplayString() == "System.Threading")
                {
                    return (type, "belongs to one run: System.Text.Json cannot restore it");
                }

                if (DerivesFrom(named, "System.IO", "Stream"))
                {
                    return (type, "is a handle, not data: System.Text.Json cannot save it");
                }

                if (named.IsTupleType && !rules.IncludeFields)
                {
                    return (type, "is a tuple, whose elements are fields that System.Text.Json skips without IncludeFields");
                }

                if (named.TypeKind == TypeKind.Interface && CollectionInterfaces.Contains(MetadataName(named.OriginalDefinition)))
                {
                    return named.TypeArguments.Select(a => Unrestorable(a, rules)).FirstOrDefault(p => p is not null);
                }

                if ((named.TypeKind == TypeKind.Interface || (named.IsAbstract && named.TypeKind == TypeKind.Class && IsInSource(named))) &&
                    !HasSerializationAttribute(named, "JsonPolymorphicAttribute") && !HasSerializationAttribute(named, "JsonDerivedTypeAttribute"))
                {
                    return (type, (named.TypeKind == TypeKind.Interface ? "is an interface" : "is abstract") + " without [JsonPolymorphic] or [JsonDerivedType]: System.Text.Json cannot tell which type to create when it reads it back");
                }

                return IsInSource(named) ? null : named.TypeArguments.Select(a => Unrestorable(a, rules)).FirstOrDefault(p => p is not null);
            default:
                return null;
        }
    }

    /// <summary>The constructor System.Text.Json's default rules pick, and whether there is one.</summary>
    private static IMethodSymbol? DeserializationConstructor(INamedTypeSymbol type, out bool usable)
    {
        usable = true;
        var constructors = type.InstanceConstructors.Where(c => !IsCopyConstructor(type, c)).ToList();
        if (constructors.FirstOrDefault(c => HasSerializationAttribute(c, "JsonConstructorAttribute")) is { } marked)
        {
            return marked;
        }

        var publicOnes = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        if (publicOnes.FirstOrDefault(c => c.Parameters.Length == 0) is { } parameterless)
        {
            return parameterless;
        }

        if (type.TypeKind == TypeKind.Struct)
        {
            return publicOnes.Count == 1 ? publicOnes[0] : null; // a struct can always be created empty
        }

        if (publicOnes.Count == 1)
        {
            return publicOnes[0];
        }

        usable = false;
        return null;
    }

    private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
        type.IsRecord && constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    /// <summary>The public instance properties (with a getter) and fields System.Text.Json sees, most derived first, each name once.</summary>
    private static IEnumerable<(ISymbol Symbol, ITypeSymbol Type)> AllMembers(INamedTypeSymbol type)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType == SpecialType.None && IsInSource(current); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.IsImplicitlyDeclared)
                {
                    continue;
                }

                var visible = member.DeclaredAccessibility == Accessibility.Public || HasSerializationAttribute(member, "JsonIncludeAttribute");
                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false, GetMethod: { } getter } property when visible && (getter.DeclaredAccessibility == Accessibility.Public || HasSerializationAttribute(member, "JsonIncludeAttribute")):
                        if (names.Add(property.Name))
                        {
                            yield return (property, property.Type);
                        }

                        break;
                    case IFieldSymbol { IsConst: false, AssociatedSymbol: null } field when visible:
                        if (names.Add(field.Name))
                        {
                            yield return (field, field.Type);
                        }

                        break;
                }
            }
        }
    }

    /// <summary>The members System.Text.Json writes and reads of a source type, under <paramref name="rules"/>.</summary>
    private static IEnumerable<(ISymbol Symbol, ITypeSymbol Type)> SerializedMembers(INamedTypeSymbol type, Rules rules) =>
        AllMembers(type).Where(m => !Ignored(m.Symbol) && (m.Symbol is not IFieldSymbol || rules.IncludeFields || HasSerializationAttribute(m.Symbol, "JsonIncludeAttribute")));

    /// <summary>The types named by <c>[JsonDerivedType(typeof(T))]</c> on <paramref name="type"/>.</summary>
    private static IEnumerable<ITypeSymbol> DerivedTypes(INamedTypeSymbol type) =>
        type.GetAttributes()
            .Where(a => IsSerializationAttribute(a.AttributeClass, "JsonDerivedTypeAttribute") && a.ConstructorArguments.Length > 0)
            .Select(a => a.ConstructorArguments[0].Value)
            .OfType<ITypeSymbol>();

    /// <summary>Whether a get-only member is filled in place (<c>JsonObjectCreationHandling.Populate</c> on it, its type or the options).</summary>
    private static bool Populates(ISymbol member, INamedTypeSymbol declaring, Rules rules)
    {
        if (member is IPropertySymbol { Type.IsValueType: true } or IFieldSymbol { Type.IsValueType: true })
        {
            return false; // a struct cannot be filled in place
        }

        foreach (var symbol in new ISymbol[] { member, declaring })
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (IsSerializationAttribute(attribute.AttributeClass, "JsonObjectCreationHandlingAttribute") &&
                    attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int handling)
                {
                    return handling == 1; // Populate (the member's setting wins over the type's)
                }
            }
        }

        return rules.Populate;
    }

    /// <summary>Whether <c>[JsonIgnore]</c> takes the member out always (no <c>Condition</c>, or <c>Condition = Always</c>).</summary>
    private static bool Ignored(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (IsSerializationAttribute(attribute.AttributeClass, "JsonIgnoreAttribute"))
            {
                var condition = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Condition").Value;
                return condition.IsNull || condition.Value is 1;
            }
        }

        return false;
    }

    private static bool IsCollection(ITypeSymbol type) =>
        type is IArrayTypeSymbol ||
        (type.SpecialType != SpecialType.System_String && type.AllInterfaces.Concat(type is INamedTypeSymbol { TypeKind: TypeKind.Interface } self ? new[] { self } : Array.Empty<INamedTypeSymbol>())
            .Any(i => MetadataName(i.OriginalDefinition) == "System.Collections.Generic.IEnumerable`1"));

    private static bool DerivesFrom(INamedTypeSymbol type, string ns, string name)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name && current.ContainingNamespace?.ToDisplayString() == ns)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInSource(ISymbol symbol) => symbol.Locations.Any(l => l.IsInSource);

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;

    private static bool HasSerializationAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => IsSerializationAttribute(a.AttributeClass, name));

    private static bool IsSerializationAttribute(INamedTypeSymbol? attribute, string name) =>
        attribute is not null && attribute.Name == name && attribute.ContainingNamespace?.ToDisplayString() == SerializationNamespace;

    /// <summary>The serializer settings that change what is saved: reflection's defaults, or a context's generation options.</summary>
    private readonly record struct Rules(bool IncludeFields, bool Populate)
    {
        public static Rules Of(INamedTypeSymbol? context)
        {
            var rules = default(Rules);
            if (context is null)
            {
                return rules; // DurableJson.ReflectionOptions: the defaults (no fields, replace rather than populate)
            }

            foreach (var attribute in context.GetAttributes())
            {
                if (!IsSerializationAttribute(attribute.AttributeClass, "JsonSourceGenerationOptionsAttribute"))
                {
                    continue;
                }

                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "IncludeFields" && argument.Value.Value is bool include)
                    {
                        rules = rules with { IncludeFields = include };
                    }
                    else if (argument.Key == "PreferredObjectCreationHandling" && argument.Value.Value is int handling)
                    {
                        rules = rules with { Populate = handling == 1 };
                    }
                }
            }

            return rules;
        }
    }

    private sealed class VisitComparer : IEqualityComparer<(ITypeSymbol Type, Rules Rules)>
    {
        public bool Equals((ITypeSymbol Type, Rules Rules) x, (ITypeSymbol Type, Rules Rules) y) =>
            x.Rules == y.Rules && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);

        public int GetHashCode((ITypeSymbol Type, Rules Rules) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Type) * 397) ^ obj.Rules.GetHashCode();
    }
}
