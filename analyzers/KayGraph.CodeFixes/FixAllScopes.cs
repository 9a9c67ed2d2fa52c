using System.Collections.Generic;
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
}
