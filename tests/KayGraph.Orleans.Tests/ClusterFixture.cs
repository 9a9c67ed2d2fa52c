using System;
using System.IO;
using System.Threading.Tasks;
using KayGraph.Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit;

namespace KayGraph.Orleans.Tests;

/// <summary>
/// Three in-process silos and a client, grain state and reminders in one SQLite file in the temp folder (outside every
/// silo: a killed silo loses nothing). Silos probe each other with a two-second timeout, so that a killed one is declared
/// dead within seconds; run grains keep a two-second reminder.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string DatabaseKey = "KayGraphTests:Database";

    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(2);

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), "kaygraph-orleans-" + Guid.NewGuid().ToString("N") + ".db");

    public TestCluster Cluster { get; private set; } = null!;

    public KayGraphClient Client => Cluster.Client.ServiceProvider.GetRequiredService<KayGraphClient>();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false; // no logs/ folder in the working directory
        builder.Properties[DatabaseKey] = DatabasePath;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var path = siloBuilder.Configuration[DatabaseKey] ?? throw new InvalidOperationException("No database path.");
            siloBuilder.Services.AddGrainStorage(KayGraphSiloBuilderExtensions.StorageName, (sp, _) => new SqliteGrainStorage(path, sp.GetRequiredService<IGrainStorageSerializer>()));
            siloBuilder.Services.AddReminders();
            siloBuilder.Services.AddSingleton<IReminderTable>(_ => new SqliteReminderTable(path));
            siloBuilder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            siloBuilder.Configure<ClusterMembershipOptions>(o =>
            {
                // Faster than Orleans' defaults, not so fast that a silo slowed by a loaded machine is declared dead.
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 3;
            });
            siloBuilder.AddKayGraph(b => b.AddGraph<Journey>().AddGraph<Approval>().AddGraph<Flaky>().Configure(o => o.ReminderPeriod = ReminderPeriod));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddKayGraph(b => b.AddGraph<Journey>().AddGraph<Approval>().AddGraph<Flaky>());
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Orleans cluster";
}
