using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit;

namespace KayGraph.Durable.Tests;

/// <summary>
/// The conformance suite on <see cref="SqliteCheckpointStore"/>, each test on a database file of its own (deleted after,
/// with its WAL and shared-memory files), and what only a file-backed store must do: several stores on one file, WAL mode,
/// checkpoints that outlive the store.
/// </summary>
public sealed class SqliteCheckpointStoreTests : CheckpointStoreConformanceTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "kaygraph-checkpoints-" + Guid.NewGuid().ToString("N") + ".db");

    private string ConnectionString => "Data Source=" + _path;

    protected override ICheckpointStore CreateStore() => new SqliteCheckpointStore(ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm", _path + "-journal" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TwoStoresOnOneFileSeeEachOthersWrites()
    {
        // Another pool (Pooling=False): the second store's connections are its own, as another process's would be.
        var first = Store;
        var second = Track(new SqliteCheckpointStore(ConnectionString + ";Pooling=False"));

        await first.SaveAsync(NewCheckpoint("run", 0));
        await second.SaveAsync(NewCheckpoint("run", 1));
        await second.SaveAsync(NewCheckpoint("other", 0));

        Assert.Equal(1, (await first.GetLatestAsync("run"))!.Step);
        Assert.Equal(0, (await second.GetAsync("run", 0))!.Step);
        Assert.Equal(["other", "run"], await RunsAsync(first));
        var conflict = await Assert.ThrowsAsync<CheckpointConflictException>(async () => await first.SaveAsync(NewCheckpoint("run", 1, shared: "late")));
        Assert.Equal(1, conflict.Step);
        Assert.IsType<SqliteException>(conflict.InnerException);
        Assert.Equal("shared-run-1", (await first.GetAsync("run", 1))!.Shared);
        Assert.True(await second.DeleteAsync("other"));
        Assert.Null(await first.GetLatestAsync("other"));
    }

    [Fact]
    public async Task WritersOnTwoStoresOfOneFileRaceForAStepAndOneWins()
    {
        const int Writers = 16;
        var stores = new[] { Store, Track(new SqliteCheckpointStore(ConnectionString + ";Pooling=False")) };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = 0;

        var racing = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            if (Interlocked.Increment(ref ready) == Writers)
            {
                start.SetResult();
            }

            await start.Task;
            try
            {
                await stores[writer % 2].SaveAsync(NewCheckpoint("contested", 0, shared: "writer-" + writer));
                return writer;
            }
            catch (CheckpointConflictException conflict) when (conflict.RunId == "contested" && conflict.Step == 0)
            {
                return -1;
            }
        })).ToArray();
        var winners = (await Task.WhenAll(racing)).Where(w => w >= 0).ToArray();

        var winner = Assert.Single(winners);
        Assert.Equal("writer-" + winner, (await stores[0].GetAsync("contested", 0))!.Shared);
        Assert.Equal("writer-" + winner, (await stores[1].GetAsync("contested", 0))!.Shared);
    }

    [Fact]
    public async Task TheFileIsInWalMode()
    {
        await Store.SaveAsync(NewCheckpoint("run", 0));

        using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TheTableIsKeyedByRunAndStep()
    {
        await Store.SaveAsync(NewCheckpoint("run", 0));

        using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('checkpoints') WHERE pk > 0 ORDER BY pk;";
        var keys = new List<string>();
        using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["run_id", "step"], keys);
    }

    [Fact]
    public async Task CheckpointsOutliveTheStore()
    {
        var saved = NewCheckpoint("durable", 3, status: RunStatus.Suspended, position: ["Outer", "Inner"]);
        await using (var writer = new SqliteCheckpointStore(ConnectionString))
        {
            await writer.SaveAsync(saved);
        }

        await using var reader = new SqliteCheckpointStore(ConnectionString);
        AssertSameCheckpoint(saved, await reader.GetLatestAsync("durable"));
    }

    [Fact]
    public async Task ADisposedStoreRefusesWork()
    {
        var store = new SqliteCheckpointStore(ConnectionString);
        await store.SaveAsync(NewCheckpoint("run", 0));

        await store.DisposeAsync();
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetLatestAsync("run"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.SaveAsync(NewCheckpoint("run", 1)));
    }

    [Fact]
    public async Task DisposingOneStoreLeavesAnotherOnTheSameFileWorking()
    {
        await using var kept = new SqliteCheckpointStore(ConnectionString);
        await kept.SaveAsync(NewCheckpoint("run", 0));
        await using (var disposed = new SqliteCheckpointStore(ConnectionString))
        {
            await disposed.SaveAsync(NewCheckpoint("run", 1));
        }

        await kept.SaveAsync(NewCheckpoint("run", 2));
        Assert.Equal(2, (await kept.GetLatestAsync("run"))!.Step);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=checkpoints;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=")]
    [InlineData("")]
    public void InMemoryAndTemporaryDatabasesAreRefused(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteCheckpointStore(connectionString));

        Assert.Equal("connectionString", error.ParamName);
        Assert.Contains("InMemoryCheckpointStore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedConnectionStringIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteCheckpointStore("Data Source=x.db;Bogus Keyword=1"));

        Assert.Equal("connectionString", error.ParamName);
    }

    [Fact]
    public void ANullConnectionStringIsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => new SqliteCheckpointStore(null!));
    }
}
