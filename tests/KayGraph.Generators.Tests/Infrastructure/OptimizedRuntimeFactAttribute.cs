using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>
/// A fact that runs only against an optimized (Release) KayGraph runtime: in a Debug build the runtime's async state
/// machines are classes, so allocation measurements would measure the build configuration, not the generated code.
/// Run <c>dotnet test -c Release</c> to include it.
/// </summary>
public sealed class OptimizedRuntimeFactAttribute : FactAttribute
{
    public OptimizedRuntimeFactAttribute()
    {
        var debuggable = typeof(KayGraph.NodeAttribute).Assembly.GetCustomAttribute<DebuggableAttribute>();
        if (debuggable is { IsJITOptimizerDisabled: true })
        {
            Skip = "The KayGraph runtime was built without optimizations (Debug); run with -c Release to measure allocations.";
        }
    }
}
