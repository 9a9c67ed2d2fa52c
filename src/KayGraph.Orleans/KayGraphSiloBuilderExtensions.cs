using System;
using KayGraph.Orleans.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace KayGraph.Orleans;

/// <summary>Adds KayGraph's durable runs to an Orleans silo.</summary>
public static class KayGraphSiloBuilderExtensions
{
    /// <summary>
    /// The name of the grain storage provider that keeps the runs' checkpoints and the run index: register one under this
    /// name (for example <c>AddAdoNetGrainStorage(KayGraphSiloBuilderExtensions.StorageName, ...)</c>), or as the default.
    /// </summary>
    public const string StorageName = "KayGraph";

    /// <summary>
    /// Lets the silo execute durable runs: run grains for the graphs that <paramref name="configure"/> registers, the silo's
    /// <see cref="KayGraphClient"/>, and a stop hook that halts its runs at their last checkpoint when the silo stops. The silo
    /// also needs a grain storage provider named <see cref="StorageName"/> and a reminder service (both outside the silos, in
    /// production: ADO.NET, Azure, Redis, ...).
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Registers graphs (<c>b.AddGraph&lt;ReviewFlow&gt;()</c>) and options.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddKayGraph(this ISiloBuilder builder, Action<KayGraphOrleansBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCommon(builder.Services, configure);
        builder.Services.TryAddSingleton<RunHost>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<RunHost>());
        return builder;
    }

    /// <summary>Lets a cluster client start, answer, read and list the runs of the graphs that <paramref name="configure"/> registers (<see cref="KayGraphClient"/>).</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Registers graphs (<c>b.AddGraph&lt;ReviewFlow&gt;()</c>).</param>
    /// <returns>The client builder.</returns>
    public static IClientBuilder AddKayGraph(this IClientBuilder builder, Action<KayGraphOrleansBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCommon(builder.Services, configure);
        return builder;
    }

    private static void AddCommon(IServiceCollection services, Action<KayGraphOrleansBuilder> configure)
    {
        services.AddOptions<KayGraphOrleansOptions>();
        services.TryAddSingleton<GraphCatalog>();
        services.TryAddSingleton(sp => new KayGraphClient(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<GraphCatalog>()));
        configure(new KayGraphOrleansBuilder(services));
    }
}
