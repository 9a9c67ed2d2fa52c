using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace KayGraph.Tests.Support;

/// <summary>
/// A fact that needs the KayGraph runtime compiled with optimizations (the Release configuration that CI and the README's
/// test command use). A Debug build compiles every async method's state machine as a class, so it allocates per call by
/// design of the C# compiler; allocation measurements are only meaningful against an optimized runtime, and are skipped
/// (with this reason) otherwise.
/// </summary>
public sealed class OptimizedRuntimeFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute, skipping the test when the runtime was compiled without optimizations.</summary>
    public OptimizedRuntimeFactAttribute()
    {
        if (!RuntimeIsOptimized)
        {
            Skip = "The KayGraph runtime was built without optimizations (Debug); run with -c Release to measure allocations.";
        }
    }

    /// <summary>Whether the KayGraph assembly under test was compiled with optimizations.</summary>
    public static bool RuntimeIsOptimized =>
        typeof(NodeExecutor).Assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };
}
