using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace KayGraph.Benchmarks.Durable;

/// <summary>
/// The cost of a durable step, per step, side by side: the DSL durable counting loop (<see cref="DurableCountingGraph"/>)
/// run with <c>StartAsync</c> on <see cref="InMemoryCheckpointStore"/> and on <see cref="Sqlite.SqliteCheckpointStore"/>
/// (a temporary file in WAL mode), the raw SQLite write those checkpoints make (the same rows inserted one per transaction
/// through Microsoft.Data.Sqlite: the baseline), the same rows written the way the store opens and prepares each write
/// (a breakdown), and Microsoft Agent Framework's checkpointed workflow on the same loop (file-backed JSON checkpoints).
/// One invocation is one run of <see cref="DurableStepWorkload.Steps"/> steps, so times and bytes are per step. Every run
/// takes a new run id; the SQLite tables and the checkpoint directory grow over the benchmark and are deleted at the end. The files are
/// on the disk or on tmpfs (<see cref="Storage"/>).
/// </summary>
[Config(typeof(DurableConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
public class DurableStepBenchmarks
{
    private DurableStepWorkload _workload = null!;

    /// <summary>
    /// Where the files are: <c>disk</c> (the temporary folder: every commit waits for the disk) or <c>tmpfs</c> (syncing is
    /// free: the processor's share of the same work).
    /// </summary>
    [Params(DurableStepWorkload.Disk, DurableStepWorkload.Memory)]
    public string Storage { get; set; } = DurableStepWorkload.Disk;

    /// <summary>Creates the files and captures the rows of one run.</summary>
    /// <returns>A task.</returns>
    [GlobalSetup]
    public async Task Setup() => _workload = await DurableStepWorkload.CreateAsync(Storage).ConfigureAwait(false);

    /// <summary>Closes the stores and deletes the temporary files.</summary>
    /// <returns>A task.</returns>
    [GlobalCleanup]
    public async Task Cleanup() => await _workload.DisposeAsync().ConfigureAwait(false);

    /// <summary>(a) The durable loop on a new in-memory checkpoint store.</summary>
    /// <returns>The final count.</returns>
    [Benchmark(OperationsPerInvoke = DurableStepWorkload.Steps)]
    public async Task<int> KayGraphInMemoryStore() => Completed(await _workload.RunInMemoryAsync().ConfigureAwait(false));

    /// <summary>(b) The durable loop on the SQLite checkpoint store.</summary>
    /// <returns>The final count.</returns>
    [Benchmark(OperationsPerInvoke = DurableStepWorkload.Steps)]
    public async Task<int> KayGraphSqliteStore() => Completed(await _workload.RunSqliteAsync().ConfigureAwait(false));

    /// <summary>(c) The baseline: the rows of one run inserted raw, one transaction each, on one open connection.</summary>
    /// <returns>The run id written.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = DurableStepWorkload.Steps)]
    public Task<string> RawSqliteInsert() => _workload.RawInsertsAsync();

    /// <summary>A breakdown, not a contender: the same rows, a pooled connection opened and a command built per row.</summary>
    /// <returns>The run id written.</returns>
    [Benchmark(OperationsPerInvoke = DurableStepWorkload.Steps)]
    public Task<string> RawSqliteInsertOpenPerWrite() => _workload.RawInsertsOpenPerWriteAsync();

    /// <summary>(d) Agent Framework's checkpointed workflow on the same loop, checkpoints in JSON files.</summary>
    /// <returns>The final count.</returns>
    [Benchmark(OperationsPerInvoke = DurableStepWorkload.Steps)]
    public async Task<int> AgentFrameworkFileCheckpoints() => (await _workload.RunAgentFrameworkAsync().ConfigureAwait(false)).Count;

    private static int Completed(RunResult<DurableTally> result) =>
        result.Status == RunStatus.Completed ? result.Shared.Count : throw new InvalidOperationException($"Run {result.RunId} ended {result.Status}.");
}
