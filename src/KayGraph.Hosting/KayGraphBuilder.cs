using System;
using System.Linq;
using KayGraph.Hosting.Internal;
using KayGraph.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace KayGraph.Hosting;

/// <summary>Adds graphs and a checkpoint store to the services registered by <see cref="KayGraphServiceCollectionExtensions.AddKayGraph"/>.</summary>
public sealed class KayGraphBuilder
{
    internal KayGraphBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Hosts the durable graph <typeparamref name="TGraph"/>: each run gets a new instance of it, created in a service scope
    /// of its own, with its nodes resolved from that scope (or created with constructor injection). Adding a graph twice
    /// adds it once.
    /// </summary>
    /// <typeparam name="TGraph">A generated graph declared with <c>[Graph(..., Durable = true)]</c>.</typeparam>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="TGraph"/> is not a generated durable graph.</exception>
    public KayGraphBuilder AddGraph<TGraph>()
        where TGraph : class
    {
        var registration = GraphRegistration.For(typeof(TGraph));
        if (!Services.Any(d => d.ServiceType == typeof(GraphRegistration) && d.ImplementationInstance is GraphRegistration r && r.GraphType == typeof(TGraph)))
        {
            Services.AddSingleton(registration);
        }

        return this;
    }

    /// <summary>Keeps checkpoints in a SQLite file: <c>AddSqliteCheckpoints("Data Source=runs.db")</c> (see <see cref="SqliteCheckpointStore"/>).</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file.</param>
    /// <returns>This builder.</returns>
    public KayGraphBuilder AddSqliteCheckpoints(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var store = new SqliteCheckpointStore(connectionString); // a malformed or in-memory connection string fails here, naming it
        return UseCheckpointStore(_ => store); // returned by a factory: the container disposes it
    }

    /// <summary>Keeps checkpoints in <paramref name="store"/> (any <see cref="ICheckpointStore"/>), replacing the in-memory default.</summary>
    /// <param name="store">The store; it belongs to the caller, who disposes it.</param>
    /// <returns>This builder.</returns>
    public KayGraphBuilder UseCheckpointStore(ICheckpointStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Replace(ServiceDescriptor.Singleton(store));
        return this;
    }

    /// <summary>Keeps checkpoints in the store <paramref name="factory"/> creates from the services, replacing the in-memory default.</summary>
    /// <param name="factory">Creates the store once.</param>
    /// <returns>This builder.</returns>
    public KayGraphBuilder UseCheckpointStore(Func<IServiceProvider, ICheckpointStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    private void Replace(ServiceDescriptor descriptor)
    {
        for (var i = Services.Count - 1; i >= 0; i--)
        {
            if (Services[i].ServiceType == typeof(ICheckpointStore))
            {
                Services.RemoveAt(i);
            }
        }

        Services.Add(descriptor);
    }
}
