using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace KayGraph.Durable.Tests;

/// <summary>
/// What every <see cref="ICheckpointStore"/> must do, whatever keeps its checkpoints: each implementation derives from this
/// class, says how to make a fresh, empty store, and runs every case. xunit makes a new instance per test, so each test has
/// its own store.
/// </summary>
public abstract class CheckpointStoreConformanceTests : IAsyncLifetime
{
    private readonly List<ICheckpointStore> _stores = [];

    /// <summary>The test's store, made on first use.</summary>
    protected ICheckpointStore Store => _stores.Count > 0 ? _stores[0] : Track(CreateStore());

    /// <summary>A fresh, empty store (each call of one test may return a store on the same backing data).</summary>
    protected abstract ICheckpointStore CreateStore();

    /// <summary>Keeps <paramref name="store"/> to dispose after the test.</summary>
    protected ICheckpointStore Track(ICheckpointStore store)
    {
        _stores.Add(store);
        return store;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ASuspendedCheckpointComesBackWithEveryField()
    {
        var saved = new Checkpoint
        {
            RunId = "run-ü-1",
            Step = 7,
            Graph = "ReviewFlow",
            Fingerprint = "sha256:0f1e2d",
            Position = ["Approval", "Ask", "Confirm"],
            LastAction = null,
            Status = RunStatus.Suspended,
            Shared = """{"title":"Grüße — 日本語 🚀","quote":"\"q\"","nested":{"n":[1,2.5,null]}}""",
            Pending = new PendingQuestion(["Approval", "Ask"], "Demo.ReviewRequest", """{"draft":"Ça va? ✓"}""", "Demo.Verdict"),
            Error = null,
            SavedAt = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5358979),
        };

        await Store.SaveAsync(saved);

        AssertSameCheckpoint(saved, await Store.GetAsync("run-ü-1", 7));
        AssertSameCheckpoint(saved, await Store.GetLatestAsync("run-ü-1"));
        AssertSameCheckpoint(saved, Assert.Single(await HistoryAsync("run-ü-1")));
    }

    [Fact]
    public async Task AFailedCheckpointComesBackWithItsError()
    {
        var saved = new Checkpoint
        {
            RunId = "run-failed",
            Step = 3,
            Graph = "ReviewFlow",
            Fingerprint = "fp",
            Position = ["Publish"],
            LastAction = "approved",
            Status = RunStatus.Failed,
            Shared = "{}",
            Error = new RunError("System.Net.Http.HttpRequestException", "Service unavailable: «503»"),
            SavedAt = DateTimeOffset.UnixEpoch.AddDays(20_000),
        };

        await Store.SaveAsync(saved);

        var read = await Store.GetAsync("run-failed", 3);
        AssertSameCheckpoint(saved, read);
        Assert.Null(read!.Error!.Exception);
    }

    [Fact]
    public async Task ACompletedCheckpointKeepsAnEmptyPosition()
    {
        var saved = NewCheckpoint("run-done", 12, status: RunStatus.Completed, position: []);

        await Store.SaveAsync(saved);

        var read = await Store.GetLatestAsync("run-done");
        AssertSameCheckpoint(saved, read);
        Assert.Empty(read!.Position);
    }

    [Theory]
    [InlineData(RunStatus.Running)]
    [InlineData(RunStatus.Completed)]
    [InlineData(RunStatus.Suspended)]
    [InlineData(RunStatus.Failed)]
    public async Task EveryStatusRoundTrips(RunStatus status)
    {
        await Store.SaveAsync(NewCheckpoint("run", 0, status: status));

        Assert.Equal(status, (await Store.GetAsync("run", 0))!.Status);
    }

    [Fact]
    public async Task HistoryIsInStepOrderWhateverTheOrderOfWrites()
    {
        long[] written = [3, 0, 10, 2, 1];
        foreach (var step in written)
        {
            await Store.SaveAsync(NewCheckpoint("run", step));
        }

        var history = await HistoryAsync("run");

        Assert.Equal([0L, 1, 2, 3, 10], history.Select(c => c.Step));
        Assert.All(history, c => Assert.Equal("shared-run-" + c.Step, c.Shared));
        Assert.Equal(10, (await Store.GetLatestAsync("run"))!.Step);
    }

    [Fact]
    public async Task HistoryHoldsOnlyItsOwnRun()
    {
        await Store.SaveAsync(NewCheckpoint("a", 0));
        await Store.SaveAsync(NewCheckpoint("a", 1));
        await Store.SaveAsync(NewCheckpoint("ab", 0));
        await Store.SaveAsync(NewCheckpoint("b", 5));

        Assert.Equal([0L, 1], (await HistoryAsync("a")).Select(c => c.Step));
        Assert.All(await HistoryAsync("a"), c => Assert.Equal("a", c.RunId));
        Assert.Equal(1, (await Store.GetLatestAsync("a"))!.Step);
    }

    [Fact]
    public async Task AMissingStepIsNull()
    {
        await Store.SaveAsync(NewCheckpoint("run", 0));
        await Store.SaveAsync(NewCheckpoint("run", 2));

        Assert.Null(await Store.GetAsync("run", 1));
        Assert.Null(await Store.GetAsync("run", 3));
        Assert.Null(await Store.GetAsync("other", 0));
    }

    [Fact]
    public async Task AnUnknownRunHasNoLatestAndNoHistory()
    {
        await Store.SaveAsync(NewCheckpoint("known", 0));

        Assert.Null(await Store.GetLatestAsync("unknown"));
        Assert.Empty(await HistoryAsync("unknown"));
        Assert.Null(await Store.GetLatestAsync("Known"));
    }

    [Fact]
    public async Task SavingAStepTwiceThrowsAndKeepsTheFirstWrite()
    {
        var first = NewCheckpoint("run", 4, shared: """{"writer":"first"}""");
        var second = NewCheckpoint("run", 4, shared: """{"writer":"second"}""", status: RunStatus.Failed);
        await Store.SaveAsync(first);

        var conflict = await Assert.ThrowsAsync<CheckpointConflictException>(async () => await Store.SaveAsync(second));

        Assert.Equal("run", conflict.RunId);
        Assert.Equal(4, conflict.Step);
        AssertSameCheckpoint(first, await Store.GetAsync("run", 4));
        Assert.Single(await HistoryAsync("run"));
    }

    [Fact]
    public async Task TheSameStepOfAnotherRunIsNoConflict()
    {
        await Store.SaveAsync(NewCheckpoint("a", 1));
        await Store.SaveAsync(NewCheckpoint("b", 1));

        Assert.NotNull(await Store.GetAsync("a", 1));
        Assert.NotNull(await Store.GetAsync("b", 1));
    }

    [Fact]
    public async Task AForkCopiesTheStepUnderTheNewIdAndLeavesTheOriginal()
    {
        for (var step = 0; step < 4; step++)
        {
            await Store.SaveAsync(NewCheckpoint("original", step, position: ["Node" + step, "Inner"]));
        }

        var fork = await Store.ForkAsync("original", 2, "forked");

        Assert.Equal("forked", fork.RunId);
        Assert.Equal(2, fork.Step);
        var source = await Store.GetAsync("original", 2);
        var copy = Assert.Single(await HistoryAsync("forked"));
        Assert.Equal("forked", copy.RunId);
        AssertSameCheckpoint(source!.WithRunId("forked"), copy);
        Assert.Equal([0L, 1, 2, 3], (await HistoryAsync("original")).Select(c => c.Step));
        Assert.All(await HistoryAsync("original"), c => Assert.Equal("original", c.RunId));
        Assert.Equal(3, (await Store.GetLatestAsync("original"))!.Step);
    }

    [Fact]
    public async Task AForkOntoAnExistingRunThrowsAndChangesNothing()
    {
        await Store.SaveAsync(NewCheckpoint("original", 0));
        await Store.SaveAsync(NewCheckpoint("original", 1));
        await Store.SaveAsync(NewCheckpoint("taken", 5));

        var conflict = await Assert.ThrowsAsync<CheckpointConflictException>(async () => await Store.ForkAsync("original", 1, "taken"));

        Assert.Equal("taken", conflict.RunId);
        Assert.Equal([5L], (await HistoryAsync("taken")).Select(c => c.Step));
        Assert.Equal("shared-taken-5", (await Store.GetAsync("taken", 5))!.Shared);
    }

    [Fact]
    public async Task AForkOfAMissingStepOrRunThrowsRunNotFound()
    {
        await Store.SaveAsync(NewCheckpoint("original", 0));

        await Assert.ThrowsAsync<RunNotFoundException>(async () => await Store.ForkAsync("original", 1, "fork-a"));
        await Assert.ThrowsAsync<RunNotFoundException>(async () => await Store.ForkAsync("nobody", 0, "fork-b"));
        Assert.Null(await Store.GetLatestAsync("fork-a"));
        Assert.Null(await Store.GetLatestAsync("fork-b"));
    }

    [Fact]
    public async Task DeleteRemovesEveryStepOfTheRunOnce()
    {
        for (var step = 0; step < 3; step++)
        {
            await Store.SaveAsync(NewCheckpoint("doomed", step));
        }

        await Store.SaveAsync(NewCheckpoint("kept", 0));

        Assert.True(await Store.DeleteAsync("doomed"));
        Assert.False(await Store.DeleteAsync("doomed"));
        Assert.False(await Store.DeleteAsync("never"));
        Assert.Empty(await HistoryAsync("doomed"));
        Assert.Null(await Store.GetLatestAsync("doomed"));
        Assert.Null(await Store.GetAsync("doomed", 0));
        Assert.Equal(["kept"], await RunsAsync());
        Assert.NotNull(await Store.GetAsync("kept", 0));
    }

    [Fact]
    public async Task ADeletedRunCanStartAgain()
    {
        await Store.SaveAsync(NewCheckpoint("run", 0, shared: "old"));
        await Store.DeleteAsync("run");

        await Store.SaveAsync(NewCheckpoint("run", 0, shared: "new"));

        Assert.Equal("new", (await Store.GetAsync("run", 0))!.Shared);
    }

    [Fact]
    public async Task RunsAreListedOnceEachInOrdinalOrder()
    {
        // Ordinal compares UTF-16 code units: a surrogate pair (U+1F600) sorts before U+FF21, though its UTF-8 bytes sort after.
        string[] runs = ["b", "B", "a-2", "a", "ä", "\uFF21", "\U0001F600", "a10", "a9", ""];
        foreach (var run in runs)
        {
            await Store.SaveAsync(NewCheckpoint(run, 0));
            await Store.SaveAsync(NewCheckpoint(run, 1));
        }

        var expected = runs.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["", "B", "a", "a-2", "a10", "a9", "b", "ä", "\U0001F600", "\uFF21"], expected);
        Assert.Equal(expected, await RunsAsync());
    }

    [Fact]
    public async Task AnEmptyStoreListsNoRuns()
    {
        Assert.Empty(await RunsAsync());
    }

    [Fact]
    public async Task ConcurrentRunsAreAllKept()
    {
        const int Runs = 8;
        const int Steps = 50;

        await Task.WhenAll(Enumerable.Range(0, Runs).Select(run => Task.Run(async () =>
        {
            for (var step = 0; step < Steps; step++)
            {
                await Store.SaveAsync(NewCheckpoint("run-" + run, step));
            }
        })));

        Assert.Equal(Enumerable.Range(0, Runs).Select(run => "run-" + run), await RunsAsync());
        for (var run = 0; run < Runs; run++)
        {
            var history = await HistoryAsync("run-" + run);
            Assert.Equal(Enumerable.Range(0, Steps).Select(step => (long)step), history.Select(c => c.Step));
            Assert.All(history, c => Assert.Equal("shared-run-" + run + "-" + c.Step, c.Shared));
            Assert.Equal(Steps - 1, (await Store.GetLatestAsync("run-" + run))!.Step);
        }
    }

    [Fact]
    public async Task OfConcurrentWritersOfOneStepExactlyOneWins()
    {
        const int Writers = 16;
        var store = Store;
        await store.SaveAsync(NewCheckpoint("contested", 0));
        // A gate, not a Barrier: a blocking barrier would hold 16 pool threads, which a 2-core pool grants slowly.
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
                await store.SaveAsync(NewCheckpoint("contested", 1, shared: "writer-" + writer));
                return (Writer: writer, Conflict: (CheckpointConflictException?)null);
            }
            catch (CheckpointConflictException conflict)
            {
                return (Writer: writer, Conflict: conflict);
            }
        })).ToArray();
        var outcomes = await Task.WhenAll(racing);

        var winner = Assert.Single(outcomes, o => o.Conflict is null);
        var losers = outcomes.Where(o => o.Conflict is not null).ToArray();
        Assert.Equal(Writers - 1, losers.Length);
        Assert.All(losers, o =>
        {
            Assert.Equal("contested", o.Conflict!.RunId);
            Assert.Equal(1, o.Conflict.Step);
        });
        Assert.Equal("writer-" + winner.Writer, (await store.GetAsync("contested", 1))!.Shared);
        Assert.Equal([0L, 1], (await HistoryAsync("contested")).Select(c => c.Step));
    }

    [Fact]
    public async Task ACancelledSaveWritesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.SaveAsync(NewCheckpoint("run", 0), cancelled.Token));

        Assert.Null(await Store.GetLatestAsync("run"));
    }

    [Fact]
    public async Task SavingNullThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.SaveAsync(null!));
    }

    /// <summary>A checkpoint whose fields say which run and step it is.</summary>
    protected static Checkpoint NewCheckpoint(string runId, long step, string? shared = null, RunStatus status = RunStatus.Running, IReadOnlyList<string>? position = null) => new()
    {
        RunId = runId,
        Step = step,
        Graph = "TestGraph",
        Fingerprint = "fingerprint-1",
        Position = position ?? ["Node" + step],
        LastAction = step == 0 ? null : "next",
        Status = status,
        Shared = shared ?? "shared-" + runId + "-" + step,
        SavedAt = DateTimeOffset.UnixEpoch.AddSeconds(step),
    };

    /// <summary>Every field of <paramref name="expected"/> is in <paramref name="actual"/>, lists and records compared by content.</summary>
    protected static void AssertSameCheckpoint(Checkpoint expected, Checkpoint? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.RunId, actual.RunId);
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected.Graph, actual.Graph);
        Assert.Equal(expected.Fingerprint, actual.Fingerprint);
        Assert.Equal(expected.Position, actual.Position);
        Assert.Equal(expected.LastAction, actual.LastAction);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Shared, actual.Shared);
        Assert.Equal(expected.SavedAt, actual.SavedAt);
        Assert.Equal(expected.SavedAt.UtcTicks, actual.SavedAt.UtcTicks);
        if (expected.Pending is null)
        {
            Assert.Null(actual.Pending);
        }
        else
        {
            Assert.NotNull(actual.Pending);
            Assert.Equal(expected.Pending.NodePath, actual.Pending.NodePath);
            Assert.Equal(expected.Pending.RequestType, actual.Pending.RequestType);
            Assert.Equal(expected.Pending.Request, actual.Pending.Request);
            Assert.Equal(expected.Pending.AnswerType, actual.Pending.AnswerType);
            Assert.Equal(expected.Pending.NodeId, actual.Pending.NodeId);
        }

        if (expected.Error is null)
        {
            Assert.Null(actual.Error);
        }
        else
        {
            Assert.NotNull(actual.Error);
            Assert.Equal(expected.Error.Type, actual.Error.Type);
            Assert.Equal(expected.Error.Message, actual.Error.Message);
        }
    }

    /// <summary>The run's history, read to the end.</summary>
    protected async Task<List<Checkpoint>> HistoryAsync(string runId, ICheckpointStore? store = null)
    {
        var history = new List<Checkpoint>();
        await foreach (var checkpoint in (store ?? Store).GetHistoryAsync(runId))
        {
            history.Add(checkpoint);
        }

        return history;
    }

    /// <summary>The store's run ids, read to the end.</summary>
    protected async Task<List<string>> RunsAsync(ICheckpointStore? store = null)
    {
        var runs = new List<string>();
        await foreach (var run in (store ?? Store).ListRunsAsync())
        {
            runs.Add(run);
        }

        return runs;
    }
}
