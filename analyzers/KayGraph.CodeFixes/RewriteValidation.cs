using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace KayGraph.CodeFixes;

/// <summary>Checks that a rewrite still binds: a fix is only offered when it adds no compiler error to the document.</summary>
internal static class RewriteValidation
{
    /// <summary>Whether <paramref name="rewritten"/> has no more compiler errors than <paramref name="original"/>.</summary>
    public static async Task<bool> StillBindsAsync(Document original, Document rewritten, CancellationToken cancellationToken)
    {
        SemanticModel? before = await original.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? after = await rewritten.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (before is null || after is null)
        {
            return false;
        }

        int errorsBefore = before.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        int errorsAfter = after.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        return errorsAfter <= errorsBefore;
    }
}
