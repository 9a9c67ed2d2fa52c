using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace KayGraph.Hosting.Internal;

/// <summary>The graphs this host runs, one <see cref="HostedGraph"/> each, created from the registrations of <c>AddGraph</c>.</summary>
internal sealed class GraphCatalog : IDisposable
{
    private readonly Dictionary<Type, HostedGraph> _graphs;

    public GraphCatalog(IEnumerable<GraphRegistration> registrations, IServiceProvider services)
    {
        _graphs = registrations
            .GroupBy(r => r.GraphType)
            .Select(g => g.First())
            .ToDictionary(
                r => r.GraphType,
                r => Create(r, services));
    }

    private static HostedGraph Create(GraphRegistration registration, IServiceProvider services)
    {
        try
        {
            return (HostedGraph)Activator.CreateInstance(typeof(HostedGraph<,>).MakeGenericType(registration.GraphType, registration.SharedType), registration, services)!;
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(error.InnerException).Throw(); // invalid options, say: their own exception
            throw;
        }
    }

    public IEnumerable<HostedGraph> All => _graphs.Values;

    public HostedGraph Get(Type graphType) =>
        _graphs.TryGetValue(graphType, out var graph)
            ? graph
            : throw new InvalidOperationException(
                $"Graph '{graphType.FullName}' is not hosted: add it with services.AddKayGraph().AddGraph<{graphType.Name}>() before mapping its routes.");

    public void Dispose()
    {
        foreach (var graph in _graphs.Values.OfType<IDisposable>())
        {
            graph.Dispose();
        }
    }
}
