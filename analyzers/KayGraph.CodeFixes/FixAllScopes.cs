using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace KayGraph.CodeFixes;

/// <summary>What the custom Fix All providers share: the diagnostics of a Fix All request's scope.</summary>
internal static class FixAllScopes
{
    /// <summary>Every diagnostic the fix is for in <paramref name="context"/>'s scope (document, project or solution).</summary>
    public static async Task<List<Diagnostic>> DiagnosticsAsync(FixAllContext context)
    {
        var diagnostics = new List<Diagnostic>();
        switch (context.Scope)
        {
            case FixAllScope.Document when context.Document is { } document:
                diagnostics.AddRange(await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false));
                break;
            case FixAllScope.Project:
                diagnostics.AddRange(await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false));
                break;
            case FixAllScope.Solution:
                foreach (Project project in context.Solution.Projects)
                {
                    diagnostics.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                break;
        }

        return diagnostics;
    }

    /// <summary>
    /// Every diagnostic <paramref name="id"/> in <paramref name="context"/>'s scope, resolved by <paramref name="resolve"/>
    /// against its document's syntax root and semantic model (read once per document); those it declines are left out.
    /// </summary>
    public static async Task<List<T>> ResolveAllAsync<T>(FixAllContext context, string id, Func<SyntaxNode, SemanticModel, Diagnostic, T?> resolve, CancellationToken cancellationToken)
        where T : class
    {
        var diagnostics = await DiagnosticsAsync(context).ConfigureAwait(false);
        var resolved = new List<T>();
        foreach (IGrouping<SyntaxTree?, Diagnostic> group in diagnostics.Where(d => d.Id == id).GroupBy(d => d.Location.SourceTree))
        {
            if (context.Solution.GetDocument(group.Key) is not { } document
                || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
                || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
            {
                continue;
            }

            foreach (Diagnostic diagnostic in group)
            {
                if (resolve(root, model, diagnostic) is { } item)
                {
                    resolved.Add(item);
                }
            }
        }

        return resolved;
    }
}
