using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using KayGraph.Sqlite;
using Microsoft.Data.Sqlite;

namespace KayGraph.Benchmarks.Durable;

/// <summary>
/// Everything the durable-step contenders run on, shared by <see cref="DurableStepBenchmarks"/> and the <c>verify</c> mode:
/// a temporary directory with two SQLite files (one for <see cref="SqliteCheckpointStore"/>, one for the raw writes, both
/// in WAL mode with the store's schema) and Agent Framework's checkpoint directory. Every run takes a new run id, so the
/// tables grow over a benchmark (the ids increase, so each run's rows go at the end of the primary-key B-tree).
/// </summary>
public sealed class DurableStepWorkload : IAsyncDisposable
{
    /// <summary>The steps (node runs) of one run: also the benchmarks' <c>OperationsPerInvoke</c>.</summary>
    public const int Steps = 100;

    /// <summary>The store's own table and insert, so the raw writes use exactly what <see cref="SqliteCheckpointStore"/> does.</summary>
    private const string Schema = SqliteCheckpointStore.CreateSchemaSql;

    private const string InsertSql = SqliteCheckpointStore.InsertSql;

    /// <summary>Files on the temporary folder's disk.</summary>
    public const string Disk = "disk";

    /// <summary>Files on tmpfs (<c>/dev/shm</c>).</summary>
    public const string Memory = "tmpfs";

    /// <summary>The length of every run id (<c>run-</c> and eight digits).</summary>
    private const int NextRunIdLength = 12;

    private readonly DirectoryInfo _directory;
    private readonly SqliteConnection _rawConnection;
    private readonly SqliteCommand _rawInsert;
    private RawRow[] _rows = [];
    private int _nextRun;

    private DurableStepWorkload(DirectoryInfo directory)
    {
        _directory = directory;
        SqliteConnectionString = "Data Source=" + Path.Combine(directory.FullName, "store.db");
        RawConnectionString = "Data Source=" + Path.Combine(directory.FullName, "raw.db");
        Graph = new DurableCountingGraph();
        Sqlite = new SqliteCheckpointStore(SqliteConnectionString);
        AgentFramework = new AgentFrameworkCheckpointedLoop(directory.CreateSubdirectory("agent-framework"));
        _rawConnection = new SqliteConnection(RawConnectionString);
        _rawInsert = _rawConnection.CreateCommand();
    }

    /// <summary>The generated durable graph.</summary>
    public DurableCountingGraph Graph { get; }

    /// <summary>The SQLite checkpoint store on its temporary file.</summary>
    public SqliteCheckpointStore Sqlite { get; }

    /// <summary>The store's file.</summary>
    public string SqliteConnectionString { get; }

    /// <summary>The raw writes' file.</summary>
    public string RawConnectionString { get; }

    /// <summary>The Agent Framework peer.</summary>
    public AgentFrameworkCheckpointedLoop AgentFramework { get; }

    /// <summary>The number of rows one raw run writes: as many as the store writes for one run (step 0, one per step but the last, and the final one).</summary>
    public int RowsPerRun => _rows.Length;

    /// <summary>
    /// Creates the files and captures the rows of one real run (through <see cref="InMemoryCheckpointStore"/>), which the
    /// raw writes then insert as they are, under new run ids of the same length.
    /// </summary>
    /// <param name="storage">
    /// <see cref="Disk"/>: the temporary folder (<see cref="Path.GetTempPath"/>, on this machine the ext4 system disk), where
    /// each commit waits for the disk; <see cref="Memory"/>: a folder in <c>/dev/shm</c> (tmpfs), where syncing is free, so
    /// what is left is the processor's share of the same work.
    /// </param>
    /// <returns>The workload.</returns>
    public static async Task<DurableStepWorkload> CreateAsync(string storage = Disk)
    {
        var directory = storage switch
        {
            Disk => Directory.CreateTempSubdirectory("kaygraph-durable-bench-"),
            Memory => Directory.CreateDirectory(Path.Combine("/dev/shm", "kaygraph-durable-bench-" + Guid.NewGuid().ToString("N"))),
            _ => throw new ArgumentOutOfRangeException(nameof(storage), storage, "Expected \"disk\" or \"tmpfs\"."),
        };
        var workload = new DurableStepWorkload(directory);
        await workload.InitializeAsync().ConfigureAwait(false);
        return workload;
    }

    /// <summary>A run id not used before in this workload (fixed length, increasing).</summary>
    /// <returns>The id.</returns>
    public string NextRunId() => string.Create(CultureInfo.InvariantCulture, $"run-{++_nextRun:D8}");

    /// <summary>Contender (a): one durable run on a new in-memory store.</summary>
    /// <returns>The run's result.</returns>
    public ValueTask<RunResult<DurableTally>> RunInMemoryAsync() =>
        Graph.StartAsync(NextRunId(), DurableTally.Create(Steps), new InMemoryCheckpointStore());

    /// <summary>Contender (b): one durable run on the SQLite store.</summary>
    /// <returns>The run's result.</returns>
    public ValueTask<RunResult<DurableTally>> RunSqliteAsync() =>
        Graph.StartAsync(NextRunId(), DurableTally.Create(Steps), Sqlite);

    /// <summary>
    /// Contender (c), the baseline: the rows one durable run writes, inserted one per transaction (<c>BEGIN IMMEDIATE</c>,
    /// as the store does) on one open connection through one prepared command: the raw SQLite write a durable step makes.
    /// </summary>
    /// <returns>The run id written.</returns>
    public async Task<string> RawInsertsAsync()
    {
        var runId = NextRunId();
        var parameters = _rawInsert.Parameters;
        foreach (var row in _rows)
        {
            using var transaction = (SqliteTransaction)await _rawConnection.BeginTransactionAsync().ConfigureAwait(false);
            _rawInsert.Transaction = transaction;
            parameters[0].Value = runId;
            parameters[1].Value = row.Step;
            parameters[2].Value = row.Graph;
            parameters[3].Value = row.Fingerprint;
            parameters[4].Value = row.Position;
            parameters[5].Value = row.LastAction;
            parameters[6].Value = row.Status;
            parameters[7].Value = row.Shared;
            parameters[14].Value = row.SavedAt;
            await _rawInsert.ExecuteNonQueryAsync().ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            _rawInsert.Transaction = null;
        }

        return runId;
    }

    /// <summary>
    /// A breakdown, not a contender: the same rows written the way <see cref="SqliteCheckpointStore"/> writes each one: a
    /// pooled connection opened per row, <c>PRAGMA busy_timeout</c>, a new command with its fifteen parameters, the
    /// transaction, close. The difference to <see cref="RawInsertsAsync"/> is the store's way of using SQLite; the
    /// difference to the SQLite contender is KayGraph's durable runtime (serialization, checkpoint objects).
    /// </summary>
    /// <returns>The run id written.</returns>
    public async Task<string> RawInsertsOpenPerWriteAsync()
    {
        var runId = NextRunId();
        foreach (var row in _rows)
        {
            using var connection = new SqliteConnection(RawConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = 5000;";
                await pragma.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = InsertSql;
            var parameters = command.Parameters;
            parameters.AddWithValue("$run_id", runId);
            parameters.AddWithValue("$step", row.Step);
            parameters.AddWithValue("$graph", row.Graph);
            parameters.AddWithValue("$fingerprint", row.Fingerprint);
            parameters.AddWithValue("$position", row.Position);
            parameters.AddWithValue("$last_action", row.LastAction);
            parameters.AddWithValue("$status", row.Status);
            parameters.AddWithValue("$shared", row.Shared);
            parameters.AddWithValue("$pending_node_path", DBNull.Value);
            parameters.AddWithValue("$pending_request_type", DBNull.Value);
            parameters.AddWithValue("$pending_request", DBNull.Value);
            parameters.AddWithValue("$pending_answer_type", DBNull.Value);
            parameters.AddWithValue("$error_type", DBNull.Value);
            parameters.AddWithValue("$error_message", DBNull.Value);
            parameters.AddWithValue("$saved_at", row.SavedAt);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }

        return runId;
    }

    /// <summary>Contender (d): Agent Framework's checkpointed workflow on the same loop, as a new session.</summary>
    /// <returns>The final count and the number of checkpoints committed.</returns>
    public Task<(int Count, int Checkpoints)> RunAgentFrameworkAsync() =>
        AgentFramework.RunAsync(DurableTally.Create(Steps), NextRunId());

    /// <summary>The number of rows of <paramref name="runId"/> in the file of <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">The file.</param>
    /// <param name="runId">The run.</param>
    /// <returns>The row count.</returns>
    public static async Task<long> CountRowsAsync(string connectionString, string runId)
    {
        using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM checkpoints WHERE run_id = $run_id;";
        command.Parameters.AddWithValue("$run_id", runId);
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    /// <summary>A file's journal mode and synchronous setting, as a connection sees them (for the report).</summary>
    /// <param name="connectionString">The file.</param>
    /// <returns>For example <c>journal_mode=wal synchronous=2</c>.</returns>
    public static async Task<string> DescribeAsync(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        var journal = await command.ExecuteScalarAsync().ConfigureAwait(false);
        command.CommandText = "PRAGMA synchronous;";
        var synchronous = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"journal_mode={journal} synchronous={synchronous}");
    }

    /// <summary>The average size of one row's text columns, in UTF-16 characters (for the report).</summary>
    /// <returns>The characters per row.</returns>
    public double AverageRowChars()
    {
        double total = 0;
        foreach (var row in _rows)
        {
            var lastAction = row.LastAction as string ?? "";
            total += NextRunIdLength + row.Graph.Length + row.Fingerprint.Length + row.Position.Length + lastAction.Length
                + row.Status.Length + row.Shared.Length + row.SavedAt.Length;
        }

        return total / _rows.Length;
    }

    /// <summary>Closes the stores and connections and deletes the temporary directory.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        AgentFramework.Dispose();
        await Sqlite.DisposeAsync().ConfigureAwait(false);
        await _rawInsert.DisposeAsync().ConfigureAwait(false);
        await _rawConnection.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the directory is in the temporary folder anyway.
        }
    }

    private async Task InitializeAsync()
    {
        // The store creates its file, WAL mode and schema on first use; the sample run does that.
        var sample = await RunSqliteAsync().ConfigureAwait(false);
        var history = new InMemoryCheckpointStore();
        var captured = await Graph.StartAsync(sample.RunId, DurableTally.Create(Steps), history).ConfigureAwait(false);
        if (captured.Status != RunStatus.Completed)
        {
            throw new InvalidOperationException($"The sample run ended {captured.Status}.");
        }

        var rows = new List<RawRow>();
        await foreach (var checkpoint in history.GetHistoryAsync(captured.RunId).ConfigureAwait(false))
        {
            rows.Add(new RawRow(
                checkpoint.Step,
                checkpoint.Graph,
                checkpoint.Fingerprint,
                JsonSerializer.Serialize(checkpoint.Position, RawRowJson.Default.IReadOnlyListString),
                (object?)checkpoint.LastAction ?? DBNull.Value,
                checkpoint.Status.ToString(),
                checkpoint.Shared,
                checkpoint.SavedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        }

        _rows = [.. rows];

        await _rawConnection.OpenAsync().ConfigureAwait(false);
        using (var command = _rawConnection.CreateCommand())
        {
            command.CommandText = "PRAGMA busy_timeout = 5000;";
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            command.CommandText = "PRAGMA journal_mode = WAL;";
            await command.ExecuteScalarAsync().ConfigureAwait(false);
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        _rawInsert.CommandText = InsertSql;
        foreach (var name in new[]
        {
            "$run_id", "$step", "$graph", "$fingerprint", "$position", "$last_action", "$status", "$shared",
            "$pending_node_path", "$pending_request_type", "$pending_request", "$pending_answer_type", "$error_type",
            "$error_message", "$saved_at",
        })
        {
            _rawInsert.Parameters.AddWithValue(name, DBNull.Value);
        }

        _rawInsert.Prepare();
    }

    /// <summary>One checkpoint row's column values, as the store binds them.</summary>
    private sealed record RawRow(long Step, string Graph, string Fingerprint, string Position, object LastAction, string Status, string Shared, string SavedAt);
}
