using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;

namespace KayGraph.Orleans.Storage;

/// <summary>
/// An Orleans reminder table in the same SQLite file: outside the silos, so that the reminders of a silo that dies are
/// still there for the silos that take over its part of the ring (Orleans' in-memory reminder table lives in a grain on one
/// silo, and dies with it). Rows are keyed by grain and reminder name, carry the grain's uniform hash for the range reads,
/// and an ETag that a removal must match.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private readonly string _connectionString;

    public SqliteReminderTable(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS reminders (
                grain_id TEXT NOT NULL,
                name TEXT NOT NULL,
                start_at INTEGER NOT NULL,
                period INTEGER NOT NULL,
                grain_hash INTEGER NOT NULL,
                etag TEXT NOT NULL,
                PRIMARY KEY (grain_id, name));
            """;
        command.ExecuteNonQuery();
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        ReadAsync("SELECT grain_id, name, start_at, period, etag FROM reminders WHERE grain_id = $g;", c => c.Parameters.AddWithValue("$g", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        ReadAsync(
            begin < end
                ? "SELECT grain_id, name, start_at, period, etag FROM reminders WHERE grain_hash > $b AND grain_hash <= $e;"
                : "SELECT grain_id, name, start_at, period, etag FROM reminders WHERE grain_hash > $b OR grain_hash <= $e;",
            c =>
            {
                c.Parameters.AddWithValue("$b", (long)begin);
                c.Parameters.AddWithValue("$e", (long)end);
            });

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await ReadAsync(
            "SELECT grain_id, name, start_at, period, etag FROM reminders WHERE grain_id = $g AND name = $n;",
            c =>
            {
                c.Parameters.AddWithValue("$g", grainId.ToString());
                c.Parameters.AddWithValue("$n", reminderName);
            }).ConfigureAwait(false);
        return rows.Reminders.Count > 0 ? rows.Reminders[0] : null;
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO reminders (grain_id, name, start_at, period, grain_hash, etag) VALUES ($g, $n, $s, $p, $h, $t)
            ON CONFLICT (grain_id, name) DO UPDATE SET start_at = $s, period = $p, grain_hash = $h, etag = $t;
            """;
        command.Parameters.AddWithValue("$g", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$n", entry.ReminderName);
        command.Parameters.AddWithValue("$s", entry.StartAt.ToUniversalTime().Ticks);
        command.Parameters.AddWithValue("$p", entry.Period.Ticks);
        command.Parameters.AddWithValue("$h", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("$t", etag);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reminders WHERE grain_id = $g AND name = $n AND etag = $t;";
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$n", reminderName);
        command.Parameters.AddWithValue("$t", eTag);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false) == 1;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reminders;";
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task<ReminderTableData> ReadAsync(string sql, Action<SqliteCommand> bind)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return new ReminderTableData(entries);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
