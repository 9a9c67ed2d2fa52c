namespace KayGraph.Analyzers.Tests.Verifiers;

/// <summary>Pieces of test source shared by the rule tests.</summary>
internal static class TestSources
{
    /// <summary>The usings every test source starts with.</summary>
    public const string Usings = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using KayGraph;

        """;
}
