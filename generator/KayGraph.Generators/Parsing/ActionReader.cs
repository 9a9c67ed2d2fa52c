using System;
using System.Collections.Generic;
using System.Threading;
using KayGraph.Generators.Diagnostics;
using KayGraph.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KayGraph.Generators.Parsing;

/// <summary>Reads a class's declared actions (<c>[Next]</c> and <c>[End]</c>) into edges and the members of its <c>Action</c> enum.</summary>
internal static class ActionReader
{
    /// <summary>
    /// The transitions and end actions of the class, and the members of its <c>Action</c> enum: every named action whose
    /// name is valid, including one whose target is rejected, so that code returning it does not fail to compile as well.
    /// </summary>
    public static (List<EdgeModel> Edges, List<ActionMember> Members) Read(ParseContext context, CancellationToken cancellationToken)
    {
        var edges = new List<EdgeModel>();
        var members = new List<ActionMember>();
        var memberOwners = new Dictionary<string, string>(StringComparer.Ordinal) { ["Default"] = DeclaredActions.DefaultAction };
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declared in DeclaredActions.Read(context.Type, cancellationToken))
        {
            var target = declared.Target;
            var action = declared.Action;
            if (string.IsNullOrEmpty(action))
            {
                context.Report(Descriptors.InvalidActionName, Location(declared, cancellationToken), context.Type.Name, action ?? "null", declared.IsEnd ? "is empty; use [End] for the default action" : "is empty; omit the action for the default transition");
                continue;
            }

            var targetName = declared.IsEnd ? "[End]" : target?.Name ?? "?";
            if (targets.TryGetValue(action!, out var previous))
            {
                context.Report(Descriptors.DuplicateAction, Location(declared, cancellationToken), context.Type.Name, action, previous, targetName);
                continue;
            }

            targets[action!] = targetName;
            if (action != DeclaredActions.DefaultAction)
            {
                var member = Naming.ToPascalCase(action!);
                if (member is null)
                {
                    context.Report(Descriptors.InvalidActionName, Location(declared, cancellationToken), context.Type.Name, action, "has no letter or digit to name its Action member");
                    continue;
                }

                if (memberOwners.TryGetValue(member, out var owner))
                {
                    context.Report(Descriptors.InvalidActionName, Location(declared, cancellationToken), context.Type.Name, action, $"collides with action '{owner}': both become Action.{member}");
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
                context.MarkUnemittable();
            }
            else if (!SymbolFacts.IsNodeOrGraph(target))
            {
                context.Report(Descriptors.NextTargetNotNode, Location(declared, cancellationToken), context.Type.Name, target.ToDisplayString());
            }
            else
            {
                edges.Add(new EdgeModel(action!, target.ToDisplayString(Naming.TypeFormat), target.Name));
            }
        }

        return (edges, members);
    }

    /// <summary>Where a diagnostic on the action's attribute goes; computed only when one is reported (most classes have none).</summary>
    private static LocationInfo? Location(DeclaredAction declared, CancellationToken cancellationToken) =>
        LocationInfo.From(declared.Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
}
