using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>
/// An input compiled together with its generated code and loaded into a collectible load context. KayGraph and the test
/// assembly (which holds the shared stores) resolve from the default context, so the test talks to the graphs through
/// the same types. Only the test uses reflection; the generated code does not.
/// </summary>
public sealed class LoadedAssembly : IDisposable
{
    private readonly CollectibleContext _context;

    private LoadedAssembly(CollectibleContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>Generates, asserts a clean build (no generator or compiler diagnostic of warning level or above), emits and loads.</summary>
    public static LoadedAssembly Build(string source, OptimizationLevel optimization = OptimizationLevel.Debug) =>
        Build(new[] { source }, optimization);

    /// <summary>As <see cref="Build(string, OptimizationLevel)"/>, for an input split over several files.</summary>
    public static LoadedAssembly Build(string[] sources, OptimizationLevel optimization = OptimizationLevel.Debug)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(sources, LanguageVersion.Latest, optimization));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerWarningsAndErrors);

        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;
        var context = new CollectibleContext();
        return new LoadedAssembly(context, context.LoadFromStream(image));
    }

    public Type Type(string fullName) => Assembly.GetType(fullName, throwOnError: true)!;

    /// <summary>Creates an instance of <paramref name="fullName"/> with the given constructor arguments.</summary>
    public object Create(string fullName, params object?[] arguments) =>
        Activator.CreateInstance(Type(fullName), arguments)!;

    /// <summary>Calls the generated public <c>RunAsync(shared, cancellationToken)</c> of a graph and awaits its last action.</summary>
    public static async Task<string?> RunAsync(object graph, object shared, CancellationToken cancellationToken = default)
    {
        var method = graph.GetType().GetMethod("RunAsync", new[] { shared.GetType(), typeof(CancellationToken) })
            ?? throw new InvalidOperationException($"{graph.GetType()} has no public RunAsync({shared.GetType().Name}, CancellationToken).");
        ValueTask<string?> pending;
        try
        {
            pending = (ValueTask<string?>)method.Invoke(graph, new[] { shared, cancellationToken })!;
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }

        return await pending;
    }

    /// <summary>Sets the generated graph's public <c>Options</c> property.</summary>
    public static void SetOptions(object graph, RunOptions options) =>
        graph.GetType().GetProperty("Options")!.SetValue(graph, options);

    /// <summary>The value of a public constant such as the generated <c>Mermaid</c>.</summary>
    public string Constant(string typeName, string name) =>
        (string)Type(typeName).GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    public void Dispose() => _context.Unload();

    private sealed class CollectibleContext : AssemblyLoadContext
    {
        public CollectibleContext()
            : base("KayGraphGeneratedTest", isCollectible: true)
        {
        }

        // Everything else (KayGraph, the test assembly with the stores, the framework) comes from the default context.
        protected override Assembly? Load(AssemblyName assemblyName) =>
            Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(assemblyName, a.GetName()));
    }
}
