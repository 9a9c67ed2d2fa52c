using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KayGraph.Generators.Models;

/// <summary>A diagnostic as plain values, reported from its own pipeline output.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] arguments) =>
        new(descriptor.Id, location, arguments.Select(a => a?.ToString() ?? string.Empty).ToEquatableArray());

    public Diagnostic ToDiagnostic()
    {
        var descriptor = Diagnostics.Descriptors.ById(Id);
        return Diagnostic.Create(descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Arguments.Items.Cast<object>().ToArray());
    }
}
