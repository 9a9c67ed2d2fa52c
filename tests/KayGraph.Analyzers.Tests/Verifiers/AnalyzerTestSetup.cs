using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace KayGraph.Analyzers.Tests.Verifiers;

/// <summary>The project every analyzer and code fix test compiles: .NET 8 reference assemblies plus the real KayGraph runtime.</summary>
internal static class AnalyzerTestSetup
{
    /// <summary>Configures <paramref name="state"/> and adds an optional <c>.editorconfig</c> body.</summary>
    public static void Configure(SolutionState state, string? editorConfig)
    {
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(KayGraph.NodeAttribute).Assembly.Location));
        if (editorConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig + "\n"));
        }
    }
}
