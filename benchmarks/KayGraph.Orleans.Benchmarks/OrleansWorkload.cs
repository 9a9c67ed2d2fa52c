using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Benchmarks.Durable;
using KayGraph.Orleans;
using KayGraph.Orleans.Storage;
using KayGraph.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace KayGraph.Orleans.Benchmarks;

/// <summary>
/// An in-process Orleans cluster of one to three silos (a TestCluster), grain state and reminders in a SQLite file in the
/// temporary folder that every silo opens (a database outside the silos, as in the tests; <c>synchronous = FULL</c>, as
/// <see cref="SqliteCheckpointStore"/> commits), the durable counting loop
/// (<see cref="DurableCountingGraph"/>) registered on every silo and on the client; and, beside it, a
/// <see cref="SqliteCheckpointStore"/> on another file for the same loop without grains.
/// </summary>
public sealed class OrleansWorkload : IAsyncDisposable
{
    /// <summary>Steps per run in the runs-per-second benchmark (a short run: start, a few nodes, completed).</summary>
    public const int StepsPerRun = 3;

    /// <summary>Runs started at once in one invocation of the runs-per-second benchmark.</summary>
    public const int ConcurrentRuns = 64;

    /// <summary>Steps of the run in the step-cost benchmark.</summary>
    public const int Steps = 20;

    private const string DatabaseKey = "KayGraphBenchmarks:Database";
    private readonly string _grainDatabase;
    private readonly string _storeDatabase;
    private long _next;

    private OrleansWorkload(TestCluster cluster, string grainDatabase, string storeDatabase)
    {
        Cluster = cluster;
        _grainDatabase = grainDatabase;
        _storeDatabase = storeDatabase;
        Client = cluster.Client.ServiceProvider.GetRequiredService<KayGraphClient>();
        Store = new SqliteCheckpointStore("Data Source=" + storeDatabase);
    }

    /// <summary>The cluster.</summary>
    public TestCluster Cluster { get; }

    /// <summary>The cluster client's KayGraph client.</summary>
    public KayGraphClient Client { get; }

    /// <summary>The SQLite checkpoint store of the baseline.</summary>
    public SqliteCheckpointStore Store { get; }

    /// <summary>Starts a cluster of <paramref name="silos"/> silos.</summary>
    /// <param name="silos">1 to 3.</param>
    /// <returns>The workload.</returns>
    public static async Task<OrleansWorkload> CreateAsync(int silos)
    {
        var grains = Path.Combine(Path.GetTempPath(), "kaygraph-orleans-bench-" + Guid.NewGuid().ToString("N") + ".db");
        var store = Path.Combine(Path.GetTempPath(), "kaygraph-orleans-bench-store-" + Guid.NewGuid().ToString("N") + ".db");
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false; // no logs/ folder in the working directory
        builder.Properties[DatabaseKey] = grains;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync().ConfigureAwait(false);
        return new OrleansWorkload(cluster, grains, store);
    }

    /// <summary>Starts <see cref="ConcurrentRuns"/> runs of <see cref="StepsPerRun"/> steps at once in their grains and waits until all have completed.</summary>
    /// <returns>How many completed at their target.</returns>
    public async Task<int> RunManyAsync()
    {
        var ids = Enumerable.Range(0, ConcurrentRuns).Select(_ => NextId()).ToArray();
        await Task.WhenAll(ids.Select(id => Client.StartAsync<DurableCountingGraph, DurableTally>(id, DurableTally.Create(StepsPerRun)))).ConfigureAwait(false);
        var done = await Task.WhenAll(ids.Select(id => Client.WaitAsync(id))).ConfigureAwait(false);
        return done.Count(d => d.Status == RunStatus.Completed && d.Step == StepsPerRun);
    }

    /// <summary>One run of <see cref="Steps"/> steps in its grain, started and waited for.</summary>
    /// <returns>The run as its grain reports it at the end.</returns>
    public async Task<RunSnapshot> RunInGrainAsync()
    {
        var id = NextId();
        await Client.StartAsync<DurableCountingGraph, DurableTally>(id, DurableTally.Create(Steps)).ConfigureAwait(false);
        return await Client.WaitAsync(id).ConfigureAwait(false);
    }

    /// <summary>The same run in this process on the SQLite checkpoint store (no grain, no cluster).</summary>
    /// <returns>The run's result.</returns>
    public async Task<RunResult<DurableTally>> RunOnSqliteStoreAsync() =>
        await new DurableCountingGraph().StartAsync(NextId(), DurableTally.Create(Steps), Store).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync().ConfigureAwait(false);
        await Cluster.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _grainDatabase, _storeDatabase }.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
        {
            File.Delete(file);
        }
    }

    private string NextId() => "bench-" + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var path = siloBuilder.Configuration[DatabaseKey] ?? throw new InvalidOperationException("No database path.");
            siloBuilder.Services.AddGrainStorage(KayGraphSiloBuilderExtensions.StorageName, (sp, _) => new SqliteGrainStorage(path, sp.GetRequiredService<IGrainStorageSerializer>(), fullSync: true));
            siloBuilder.Services.AddReminders();
            siloBuilder.Services.AddSingleton<IReminderTable>(_ => new SqliteReminderTable(path));
            siloBuilder.AddKayGraph(b => b.AddGraph<DurableCountingGraph>());
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddKayGraph(b => b.AddGraph<DurableCountingGraph>());
    }
}
