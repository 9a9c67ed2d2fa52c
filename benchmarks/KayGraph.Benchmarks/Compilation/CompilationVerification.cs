using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace KayGraph.Benchmarks.Compilation;

/// <summary>Checks of the compilation workloads for the <c>verify</c> mode.</summary>
internal static partial class CompilationVerification
{
    /// <summary>The checks; empty while the generator and analyzers are not part of the build.</summary>
    /// <returns>Named checks.</returns>
    public static IEnumerable<(string Name, Func<Task<string>> Check)> Checks()
    {
        var checks = new List<(string Name, Func<Task<string>> Check)>();
        AddChecks(checks);
        return checks;
    }

    static partial void AddChecks(List<(string Name, Func<Task<string>> Check)> checks);
}
