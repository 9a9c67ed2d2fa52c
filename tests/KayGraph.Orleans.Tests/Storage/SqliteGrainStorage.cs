using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace KayGraph.Orleans.Storage;

/// <summary>
/// Orleans grain storage in a SQLite file that every silo of a local cluster opens: a database outside the silos, as
/// ADO.NET storage on PostgreSQL or SQL Server is in production, so that a silo's death loses no state. Each grain's state is
/// one row with an integer ETag; a write whose ETag is not the row's fails with <see cref="InconsistentStateException"/>, so
/// of two activations writing one grain only the one that read the latest state wins. The state is serialized with the
/// silo's <see cref="IGrainStorageSerializer"/> (Orleans' default JSON one unless configured). When its silo begins to stop,
/// gracefully or not, the provider refuses every further read and write: a dead silo's late work never reaches the database.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _connectionString;
    private readonly IGrainStorageSerializer _serializer;
    private readonly string _synchronous;
    private volatile bool _stopped;

    /// <summary>Opens (and creates) the table in <paramref name="path"/>.</summary>
    /// <param name="path">The SQLite file.</param>
    /// <param name="serializer">How states are serialized.</param>
    /// <param name="fullSync">
    /// <see langword="true"/> for <c>synchronous = FULL</c> (every commit waits for the disk, as <c>SqliteCheckpointStore</c>
    /// does); the default <c>NORMAL</c> is WAL's usual setting (a commit survives a process's death, not a power cut).
    /// </param>
    public SqliteGrainStorage(string path, IGrainStorageSerializer serializer, bool fullSync = false)
    {
        _synchronous = fullSync ? "FULL" : "NORMAL";
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _serializer = serializer;
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                etag INTEGER NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (state_name, grain_id));
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>How many writes this provider has refused since its silo began to stop.</summary>
    public int RefusedAfterStop => _refused;

    private int _refused;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        CheckRunning();
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, data FROM grain_state WHERE state_name = $s AND grain_id = $g;";
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (await reader.ReadAsync().ConfigureAwait(false))
        {
            grainState.ETag = reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.State = _serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1)))!;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        CheckRunning();
        var data = _serializer.Serialize(grainState.State).ToArray();
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$d", data);
        long next;
        if (grainState.ETag is null)
        {
            command.CommandText = "INSERT INTO grain_state (state_name, grain_id, etag, data) VALUES ($s, $g, 1, $d) ON CONFLICT DO NOTHING;";
            next = 1;
        }
        else
        {
            var current = long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
            command.CommandText = "UPDATE grain_state SET etag = $next, data = $d WHERE state_name = $s AND grain_id = $g AND etag = $etag;";
            command.Parameters.AddWithValue("$etag", current);
            command.Parameters.AddWithValue("$next", current + 1);
            next = current + 1;
        }

        if (await command.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
        {
            throw new InconsistentStateException($"The state '{stateName}' of {grainId} was written by someone else (expected ETag {grainState.ETag ?? "none"}).", null, grainState.ETag);
        }

        grainState.ETag = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        CheckRunning();
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE state_name = $s AND grain_id = $g AND etag = $etag;";
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$etag", grainState.ETag is null ? -1 : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture));
        if (grainState.ETag is not null && await command.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
        {
            throw new InconsistentStateException($"The state '{stateName}' of {grainId} was written by someone else (expected ETag {grainState.ETag}).", null, grainState.ETag);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(SqliteGrainStorage),
            ServiceLifecycleStage.Active,
            _ => Task.CompletedTask,
            _ =>
            {
                _stopped = true;
                return Task.CompletedTask;
            });

    private void CheckRunning()
    {
        if (_stopped)
        {
            Interlocked.Increment(ref _refused);
            throw new InvalidOperationException("This silo is stopping: its grain storage takes no more reads or writes.");
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = " + _synchronous + "; PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
