using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace KayGraph.Sqlite;

/// <summary>
/// A checkpoint store in a SQLite file: every step of every run, one row each in a <c>checkpoints</c> table keyed by
/// <c>(run_id, step)</c>. Each save is one <c>INSERT</c> in its own transaction, so a step is written whole or not at all
/// and never twice: when two writers (threads, stores or processes) save the same step, one wins and the other gets
/// <see cref="CheckpointConflictException"/>. The file is put in WAL mode and every connection waits for locks (a busy
/// timeout), so several processes can share one file.
/// </summary>
/// <remarks>
/// Each operation opens its own connection from Microsoft.Data.Sqlite's pool (on unless the connection string turns it
/// off) and closes it when done, so the store is safe to use from many threads at once; SQLite's file locks order the
/// writers, within a process and across processes alike. The schema is created on first use. In-memory databases are not
/// supported (each connection would see its own empty database): use <see cref="InMemoryCheckpointStore"/> for that.
/// </remarks>
public sealed class SqliteCheckpointStore : ICheckpointStore, IAsyncDisposable, IDisposable
{
    /// <summary>How long a connection waits for another writer's lock before SQLite reports the database busy.</summary>
    private const int BusyTimeoutMilliseconds = 5000;

    /// <summary>SQLITE_CONSTRAINT_PRIMARYKEY: the row's (run_id, step) exists.</summary>
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>SQLITE_CONSTRAINT_UNIQUE: what a unique index reports; a primary key on a table with a rowid can too.</summary>
    private const int SqliteConstraintUnique = 2067;

    /// <summary>The store's table (also what the durable-step benchmark's raw-insert baseline writes to).</summary>
    internal const string CreateSchemaSql = """
        CREATE TABLE IF NOT EXISTS checkpoints (
            run_id               TEXT    NOT NULL,
            step                 INTEGER NOT NULL,
            graph                TEXT    NOT NULL,
            fingerprint          TEXT    NOT NULL,
            position             TEXT    NOT NULL,
            last_action          TEXT    NULL,
            status               TEXT    NOT NULL,
            shared               TEXT    NOT NULL,
            pending_node_path    TEXT    NULL,
            pending_request_type TEXT    NULL,
            pending_request      TEXT    NULL,
            pending_answer_type  TEXT    NULL,
            error_type           TEXT    NULL,
            error_message        TEXT    NULL,
            saved_at             TEXT    NOT NULL,
            PRIMARY KEY (run_id, step)
        ) WITHOUT ROWID;
        """;

    internal const string Columns = "run_id, step, graph, fingerprint, position, last_action, status, shared, "
        + "pending_node_path, pending_request_type, pending_request, pending_answer_type, error_type, error_message, saved_at";

    /// <summary>The one statement a checkpoint is written with (the benchmark's raw baseline runs the same).</summary>
    internal const string InsertSql = "INSERT INTO checkpoints (" + Columns + ") VALUES ($run_id, $step, $graph, $fingerprint, "
        + "$position, $last_action, $status, $shared, $pending_node_path, $pending_request_type, $pending_request, "
        + "$pending_answer_type, $error_type, $error_message, $saved_at);";

    private const string SelectLatestSql = "SELECT " + Columns + " FROM checkpoints WHERE run_id = $run_id ORDER BY step DESC LIMIT 1;";

    private const string SelectStepSql = "SELECT " + Columns + " FROM checkpoints WHERE run_id = $run_id AND step = $step;";

    private const string SelectHistorySql = "SELECT " + Columns + " FROM checkpoints WHERE run_id = $run_id ORDER BY step;";

    private const string SelectRunsSql = "SELECT DISTINCT run_id FROM checkpoints ORDER BY run_id;";

    private const string DeleteSql = "DELETE FROM checkpoints WHERE run_id = $run_id;";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private Writer? _writer;
    private volatile bool _schemaReady;
    private volatile bool _disposed;

    /// <summary>Creates a store on the SQLite database that <paramref name="connectionString"/> names.</summary>
    /// <param name="connectionString">
    /// A Microsoft.Data.Sqlite connection string, for example <c>"Data Source=runs.db"</c>. The file is created when it does
    /// not exist (unless the string sets another <c>Mode</c>); nothing is opened until the first operation.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is malformed or names an in-memory or temporary database.</exception>
    public SqliteCheckpointStore(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Not a valid SQLite connection string: {ex.Message}", nameof(connectionString), ex);
        }

        if (builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrWhiteSpace(builder.DataSource)
            || string.Equals(builder.DataSource, ":memory:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                "SqliteCheckpointStore needs a database file (for example \"Data Source=runs.db\"): an in-memory or temporary "
                + "database lives only as long as one connection, and the store opens one per operation. Use "
                + "InMemoryCheckpointStore for checkpoints that need not outlive the process.",
                nameof(connectionString));
        }

        _connectionString = builder.ConnectionString;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The store's writes go through one connection it keeps open, one at a time, with one prepared <c>INSERT</c> whose
    /// parameters are set for each checkpoint: SQLite lets one writer at a time into a file anyway, so queueing the writers
    /// of this process here costs nothing, and spares each write opening a connection, setting its busy timeout and
    /// parsing the statement again (and spares concurrent writers SQLite's busy-wait sleeps). Writers in other processes
    /// still wait for the file's lock up to the busy timeout.
    /// </remarks>
    public async ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var writer = _writer ??= await Writer.OpenAsync(this, cancellationToken).ConfigureAwait(false);
            try
            {
                await writer.InsertAsync(checkpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique)
            {
                throw new CheckpointConflictException(checkpoint.RunId, checkpoint.Step, ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The connection may be broken (the file went away, the disk filled): the next write opens a new one.
                _writer = null;
                writer.Dispose();
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<Checkpoint?> GetLatestAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SelectLatestSql;
        command.Parameters.AddWithValue("$run_id", runId);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<Checkpoint?> GetAsync(string runId, long step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SelectStepSql;
        command.Parameters.AddWithValue("$run_id", runId);
        command.Parameters.AddWithValue("$step", step);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The rows stream from one read transaction: the history is a consistent snapshot of the run.</remarks>
    public async IAsyncEnumerable<Checkpoint> GetHistoryAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SelectHistorySql;
        command.Parameters.AddWithValue("$run_id", runId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadCheckpoint(reader);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The ids are read, then sorted with <see cref="StringComparer.Ordinal"/> (UTF-16 code units, like the in-memory
    /// store): SQLite's own order compares UTF-8 bytes, which differs for characters outside the Basic Multilingual Plane.
    /// </remarks>
    public async IAsyncEnumerable<string> ListRunsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var runs = new List<string>();
        using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = SelectRunsSql;
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(reader.GetString(0));
            }
        }

        runs.Sort(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return run;
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = DeleteSql;
        command.Parameters.AddWithValue("$run_id", runId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>
    /// Stops the store: later operations throw <see cref="ObjectDisposedException"/>, and the pool's idle connections to
    /// this database are closed (<see cref="SqliteConnection.ClearPool"/>), so the file is not held open. Other stores on the
    /// same connection string keep working; they open new connections.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_writeGate.Wait(TimeSpan.FromSeconds(30))) // a write in flight finishes first
        {
            _writer?.Dispose();
            _writer = null;
            _writeGate.Release();
        }

        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _schemaGate.Dispose();
        _writeGate.Dispose();
    }

    /// <summary>Stops the store, as <see cref="Dispose"/> does.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Per connection, not per file: a pooled connection keeps it, but a new one needs it.
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = " + BusyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture) + ";";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async ValueTask EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            using (var command = connection.CreateCommand())
            {
                // WAL is a property of the file: once set it stays, for every connection and process. Readers then do not
                // block the writer nor the writer the readers.
                command.CommandText = "PRAGMA journal_mode = WAL;";
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = CreateSchemaSql;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>The store's write connection and its prepared insert: used by one write at a time (under the write gate).</summary>
    private sealed class Writer : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter[] _values;

        private Writer(SqliteConnection connection)
        {
            _connection = connection;
            _insert = connection.CreateCommand();
            _insert.CommandText = InsertSql;
            var names = new[]
            {
                "$run_id", "$step", "$graph", "$fingerprint", "$position", "$last_action", "$status", "$shared", "$pending_node_path",
                "$pending_request_type", "$pending_request", "$pending_answer_type", "$error_type", "$error_message", "$saved_at",
            };
            _values = new SqliteParameter[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                _values[i] = _insert.Parameters.Add(names[i], i == 1 ? SqliteType.Integer : SqliteType.Text);
            }
        }

        public static async ValueTask<Writer> OpenAsync(SqliteCheckpointStore store, CancellationToken cancellationToken)
        {
            var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var writer = new Writer(connection);
                writer._insert.Prepare();
                return writer;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public async ValueTask InsertAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
        {
            var pending = checkpoint.Pending;
            _values[0].Value = checkpoint.RunId;
            _values[1].Value = checkpoint.Step;
            _values[2].Value = checkpoint.Graph;
            _values[3].Value = checkpoint.Fingerprint;
            _values[4].Value = WriteList(checkpoint.Position);
            _values[5].Value = (object?)checkpoint.LastAction ?? DBNull.Value;
            _values[6].Value = checkpoint.Status.ToString();
            _values[7].Value = checkpoint.Shared;
            _values[8].Value = pending is null ? DBNull.Value : WriteList(pending.NodePath);
            _values[9].Value = (object?)pending?.RequestType ?? DBNull.Value;
            _values[10].Value = (object?)pending?.Request ?? DBNull.Value;
            _values[11].Value = (object?)pending?.AnswerType ?? DBNull.Value;
            _values[12].Value = (object?)checkpoint.Error?.Type ?? DBNull.Value;
            _values[13].Value = (object?)checkpoint.Error?.Message ?? DBNull.Value;
            _values[14].Value = checkpoint.SavedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            _insert.Transaction = transaction;
            try
            {
                await _insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _insert.Transaction = null;
            }
        }

        public void Dispose()
        {
            _insert.Dispose();
            _connection.Dispose();
        }
    }

    private static async ValueTask<Checkpoint?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadCheckpoint(reader) : null;
    }

    private static Checkpoint ReadCheckpoint(SqliteDataReader reader)
    {
        var runId = reader.GetString(0);
        var step = reader.GetInt64(1);
        PendingQuestion? pending = null;
        if (!reader.IsDBNull(8))
        {
            pending = new PendingQuestion(ReadList(reader.GetString(8), runId, step), reader.GetString(9), reader.GetString(10), reader.GetString(11));
        }

        RunError? error = null;
        if (!reader.IsDBNull(12))
        {
            error = new RunError(reader.GetString(12), reader.IsDBNull(13) ? string.Empty : reader.GetString(13));
        }

        var status = reader.GetString(6);
        return new Checkpoint
        {
            RunId = runId,
            Step = step,
            Graph = reader.GetString(2),
            Fingerprint = reader.GetString(3),
            Position = ReadList(reader.GetString(4), runId, step),
            LastAction = reader.IsDBNull(5) ? null : reader.GetString(5),
            Status = Enum.TryParse<RunStatus>(status, ignoreCase: false, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Step {step} of run '{runId}' has an unknown status '{status}'."),
            Shared = reader.GetString(7),
            Pending = pending,
            Error = error,
            SavedAt = DateTimeOffset.Parse(reader.GetString(14), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        };
    }

    private static string WriteList(IReadOnlyList<string> values)
        => JsonSerializer.Serialize(values, SqliteCheckpointJsonContext.Default.IReadOnlyListString);

    private static string[] ReadList(string json, string runId, long step)
        => JsonSerializer.Deserialize(json, SqliteCheckpointJsonContext.Default.StringArray)
            ?? throw new InvalidOperationException($"Step {step} of run '{runId}' has a null list where node ids belong.");
}
