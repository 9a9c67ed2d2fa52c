using System;
using KayGraph.Hosting.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KayGraph.Hosting;

/// <summary>Registers KayGraph's hosting services: <c>services.AddKayGraph().AddGraph&lt;ReviewFlow&gt;().AddSqliteCheckpoints("Data Source=runs.db")</c>.</summary>
public static class KayGraphServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services that run durable graphs in the background of this host: options bound from the configuration
    /// section <c>KayGraph</c> (then <paramref name="configure"/>), the host's logger and clock, a checkpoint store (the
    /// in-memory one unless the builder names another), and a hosted service that resumes interrupted runs at start and
    /// stops running ones, at their last checkpoint, when the host stops. Calling it again returns a builder over the
    /// same services.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets options in code, after the configuration's values.</param>
    /// <returns>A builder to add graphs and the checkpoint store.</returns>
    public static KayGraphBuilder AddKayGraph(this IServiceCollection services, Action<KayGraphOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<KayGraphOptions>().BindConfiguration(KayGraphOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => o.MaxConcurrentRuns >= 0, "KayGraph:MaxConcurrentRuns must be 0 (no limit) or more.")
            .Validate(o => o.EventReplayLimit >= 0, "KayGraph:EventReplayLimit must be 0 or more.")
            .Validate(o => o.EventRetention >= TimeSpan.Zero, "KayGraph:EventRetention must not be negative.")
            .ValidateOnStart();

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System); // the runs' clock (retry waits); replace it with a fake in tests
        services.TryAddSingleton<ICheckpointStore, InMemoryCheckpointStore>();
        services.TryAddSingleton<GraphCatalog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KayGraphHostedService>());
        return new KayGraphBuilder(services);
    }
}
