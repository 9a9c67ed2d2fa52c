using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using KayGraph.Orleans;

namespace KayGraph.Orleans.Benchmarks;

/// <summary>
/// Durable runs per second on an in-process Orleans cluster of one, two and three silos: one invocation starts
/// <see cref="OrleansWorkload.ConcurrentRuns"/> runs of the durable counting loop (<see cref="OrleansWorkload.StepsPerRun"/>
/// steps each) through <see cref="KayGraphClient"/> and waits until every one has completed, so the time is per run. Every
/// step is a grain-state write to the SQLite file all silos share; each run also registers and removes its reminder. The
/// silos share the process and its two cores: more silos add coordination, not processors.
/// </summary>
[Config(typeof(OrleansConfig))]
public class OrleansClusterBenchmarks
{
    private OrleansWorkload _workload = null!;

    /// <summary>How many silos the cluster has.</summary>
    [Params(1, 2, 3)]
    public int Silos { get; set; } = 1;

    /// <summary>Starts the cluster.</summary>
    /// <returns>A task.</returns>
    [GlobalSetup]
    public async Task Setup() => _workload = await OrleansWorkload.CreateAsync(Silos).ConfigureAwait(false);

    /// <summary>Stops the cluster and deletes its file.</summary>
    /// <returns>A task.</returns>
    [GlobalCleanup]
    public async Task Cleanup() => await _workload.DisposeAsync().ConfigureAwait(false);

    /// <summary>A batch of concurrent runs, started and waited for; time per run.</summary>
    /// <returns>How many completed.</returns>
    [Benchmark(OperationsPerInvoke = OrleansWorkload.ConcurrentRuns)]
    public async Task<int> DurableRunsOnCluster() => Completed(await _workload.RunManyAsync().ConfigureAwait(false), OrleansWorkload.ConcurrentRuns);

    internal static int Completed(int completed, int expected) =>
        completed == expected ? completed : throw new InvalidOperationException($"{completed} of {expected} runs completed.");
}

/// <summary>
/// The cost of a durable step in a run grain against the same step on <see cref="Sqlite.SqliteCheckpointStore"/> in the
/// process: one run of <see cref="OrleansWorkload.Steps"/> steps, so times are per step. In the grain a step is the
/// runtime's checkpoint brought back to the grain's scheduler, appended to its state and written whole (every step so far)
/// through the SQLite grain storage; on the store it is one row inserted.
/// </summary>
[Config(typeof(OrleansConfig))]
public class OrleansStepBenchmarks
{
    private OrleansWorkload _workload = null!;

    /// <summary>Starts a one-silo cluster.</summary>
    /// <returns>A task.</returns>
    [GlobalSetup]
    public async Task Setup() => _workload = await OrleansWorkload.CreateAsync(1).ConfigureAwait(false);

    /// <summary>Stops the cluster and deletes its files.</summary>
    /// <returns>A task.</returns>
    [GlobalCleanup]
    public async Task Cleanup() => await _workload.DisposeAsync().ConfigureAwait(false);

    /// <summary>The baseline: the loop on the SQLite checkpoint store, in this process.</summary>
    /// <returns>The final step.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = OrleansWorkload.Steps)]
    public async Task<long> SqliteStoreStep() => (await _workload.RunOnSqliteStoreAsync().ConfigureAwait(false)).Step;

    /// <summary>The loop in its run grain, its state in SQLite grain storage, started and waited for through the client.</summary>
    /// <returns>The final step.</returns>
    [Benchmark(OperationsPerInvoke = OrleansWorkload.Steps)]
    public async Task<long> GrainStep() => (await _workload.RunInGrainAsync().ConfigureAwait(false)).Step;
}

/// <summary>The job of the Orleans tables: one process, 2 warm-up and 10 measured iterations, the median.</summary>
public sealed class OrleansConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public OrleansConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10).WithId("Orleans"));
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
    }
}
