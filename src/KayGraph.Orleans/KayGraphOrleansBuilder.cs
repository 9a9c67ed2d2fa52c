using System;
using KayGraph.Orleans.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace KayGraph.Orleans;

/// <summary>Registers the durable graphs whose runs a silo executes (or a client starts), and the silo's run options.</summary>
public sealed class KayGraphOrleansBuilder
{
    internal KayGraphOrleansBuilder(IServiceCollection services) => Services = services;

    /// <summary>The services of the silo or client being built.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers a generated durable graph (<c>[Graph(..., Durable = true)]</c>): its runs execute in run grains, their nodes created from the silo's services, one service scope per stretch.</summary>
    /// <typeparam name="TGraph">The graph.</typeparam>
    /// <returns>This builder.</returns>
    public KayGraphOrleansBuilder AddGraph<TGraph>()
        where TGraph : class
    {
        Services.AddSingleton(new GraphRegistration(typeof(TGraph)));
        return this;
    }

    /// <summary>Sets the run options of the silo's run grains.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public KayGraphOrleansBuilder Configure(Action<KayGraphOrleansOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}
