namespace KayGraph.Hosting.Tests;

/// <summary>A SQLite file of a test's own in the temporary folder, deleted (with its WAL and shared-memory files) at the end.</summary>
public sealed class TempDatabase : IDisposable
{
    public string Path { get; } = ReviewApp.NewDatabase();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
