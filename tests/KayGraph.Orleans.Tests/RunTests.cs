using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Orleans.Internal;
using KayGraph.Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Xunit;

namespace KayGraph.Orleans.Tests;

/// <summary>Runs executed by run grains on the three-silo cluster: start, events, list, answers through another silo, deactivation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RunTests(ClusterFixture fixture)
{
    private static readonly string[] AllSteps = [nameof(First), nameof(Second), nameof(Third), nameof(Fourth)];

    private KayGraphClient Client => fixture.Client;

    [Fact]
    public async Task ARunCompletesInItsGrainWithEachStepOnceAndItsHistoryAndEvents()
    {
        var runId = "single-" + Guid.NewGuid().ToString("N");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var started = await Client.StartAsync<Journey, Trip>(runId, new Trip { Name = runId, DelayMilliseconds = 10 }, timeout.Token);
        var done = await Client.WaitAsync(runId, timeout.Token);
        var typed = await Client.GetAsync<Journey, Trip>(runId, timeout.Token);

        Assert.Equal(runId, started.RunId);
        Assert.True(started.Step >= 0);
        Assert.Equal(RunStatus.Completed, done.Status);
        Assert.Equal(4, done.Step);
        Assert.False(done.Executing);
        Assert.Equal(AllSteps, typed!.Shared.Steps);
        Assert.All(AllSteps, node => Assert.Equal(1, Effects.Of(runId, node)));
        var history = await ToListAsync(Client.Store.GetHistoryAsync(runId));
        Assert.Equal([0L, 1, 2, 3, 4], history.Select(c => c.Step));
        Assert.Equal([RunStatus.Running, RunStatus.Running, RunStatus.Running, RunStatus.Running, RunStatus.Completed], history.Select(c => c.Status));
        Assert.Equal("Journey", history[0].Graph);

        var events = await Client.GetEventsAsync(runId, 0, timeout.Token);
        Assert.Equal(events.Select(e => e.Sequence).Order(), events.Select(e => e.Sequence));
        Assert.Equal(AllSteps, events.Where(e => e.Kind == "nodeStarted").Select(e => e.Path));
        Assert.Equal([0L, 1, 2, 3, 4], events.Where(e => e.Kind == "checkpointSaved").Select(e => e.Step!.Value));
        Assert.Equal("graphCompleted", events[^1].Kind);
        Assert.Empty(await Client.GetEventsAsync(runId, events[^1].Sequence, timeout.Token));
        Assert.Contains(runId, await ToListAsync(Client.ListAsync(timeout.Token)));
    }

    [Fact]
    public async Task StartingAnExistingRunIdThrowsConflictAndRunsNothingMore()
    {
        var runId = "twice-" + Guid.NewGuid().ToString("N");
        await Client.StartAsync<Journey, Trip>(runId, new Trip { Name = runId });
        await Client.WaitAsync(runId);

        await Assert.ThrowsAsync<CheckpointConflictException>(() => Client.StartAsync<Journey, Trip>(runId, new Trip { Name = runId }));

        Assert.Equal(1, Effects.Of(runId, nameof(First)));
        Assert.Equal(AllSteps, (await Client.GetAsync<Journey, Trip>(runId))!.Shared.Steps);
    }

    [Fact]
    public async Task AnUnknownRunIsNullAndCannotBeAnswered()
    {
        Assert.Null(await Client.GetAsync("nobody-" + Guid.NewGuid().ToString("N")));
        await Assert.ThrowsAsync<RunNotFoundException>(() => Client.AnswerAsync<Approval, Verdict>("nobody-" + Guid.NewGuid().ToString("N"), new Verdict(true, "")));
        await Assert.ThrowsAsync<RunNotFoundException>(() => Client.WaitAsync("nobody-" + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task ARunSuspendedOnOneSiloIsAnsweredThroughAnother()
    {
        var runId = "review-" + Guid.NewGuid().ToString("N");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Client.StartAsync<Approval, Doc>(runId, new Doc { Title = "Grains" }, timeout.Token);
        var suspended = await Client.WaitAsync(runId, timeout.Token);
        var typed = await Client.GetAsync<Approval, Doc>(runId, timeout.Token);
        var grain = fixture.Cluster.Client.GetGrain<IRunGrain>(RunKeys.Key(GrainCheckpointStore.DefaultScope, runId));
        Assert.Null(await new SqliteReminderTable(fixture.DatabasePath).ReadRow(grain.GetGrainId(), RunGrain.ReminderName)); // none while it waits
        Assert.Equal(RunStatus.Suspended, suspended.Status);
        Assert.Equal(new ReviewRequest("Grains"), typed!.Pending!.Request);
        Assert.Equal(typeof(Verdict), typed.Pending.AnswerType);
        Assert.Equal("Review", suspended.Pending!.NodeId);

        // The answer leaves from another silo: that silo's own KayGraphClient, its grain call routed to the run's silo.
        var other = fixture.Cluster.GetActiveSilos().First(s => s.SiloAddress.ToString() != suspended.Silo);
        var viaOther = fixture.Cluster.GetSiloServiceProvider(other.SiloAddress).GetRequiredService<KayGraphClient>();
        var wrong = await Assert.ThrowsAsync<InvalidOperationException>(() => viaOther.AnswerAsync<Approval, ReviewRequest>(runId, new ReviewRequest("no"), timeout.Token));
        Assert.Contains(typeof(Verdict).FullName!, wrong.Message, StringComparison.Ordinal);
        await viaOther.AnswerAsync<Approval, Verdict>(runId, new Verdict(true, "ship it"), timeout.Token);
        var done = await viaOther.WaitAsync(runId, timeout.Token);
        var result = await Client.GetAsync<Approval, Doc>(runId, timeout.Token);

        Assert.NotEqual(other.SiloAddress.ToString(), suspended.Silo);
        Assert.Equal(suspended.Silo, done.Silo);
        Assert.Equal(RunStatus.Completed, done.Status);
        Assert.True(result!.Shared.Published);
        Assert.Equal("ship it", result.Shared.Note);
        Assert.Equal("approved", (await Client.Store.GetAsync(runId, done.Step - 1))!.LastAction);
        var finished = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.AnswerAsync<Approval, Verdict>(runId, new Verdict(true, "again")));
        Assert.Contains("completed", finished.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfConcurrentAnswersToOneQuestionExactlyOneIsAccepted()
    {
        var runId = "race-" + Guid.NewGuid().ToString("N");
        await Client.StartAsync<Approval, Doc>(runId, new Doc { Title = "Race" });
        Assert.Equal(RunStatus.Suspended, (await Client.WaitAsync(runId)).Status);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await Client.AnswerAsync<Approval, Verdict>(runId, new Verdict(true, "answer-" + i));
                return "answer-" + i;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        })));
        var done = await Client.GetAsync<Approval, Doc>(runId);
        await Client.WaitAsync(runId);
        done = await Client.GetAsync<Approval, Doc>(runId);

        var accepted = Assert.Single(answers, a => a is not null);
        Assert.Equal(accepted, done!.Shared.Note);
        Assert.Equal(RunStatus.Completed, done.Status);
    }

    [Fact]
    public async Task AGrainDeactivatedMidRunIsResumedByItsReminderAndKeepsEachStepOnce()
    {
        var runId = "deactivate-" + Guid.NewGuid().ToString("N");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var grain = fixture.Cluster.Client.GetGrain<IRunGrain>(RunKeys.Key(GrainCheckpointStore.DefaultScope, runId));
        var reminders = new SqliteReminderTable(fixture.DatabasePath);
        await Client.StartAsync<Journey, Trip>(runId, new Trip { Name = runId, DelayMilliseconds = 1_500 }, timeout.Token);
        RunSnapshot running;
        do
        {
            await Task.Delay(50, timeout.Token);
            running = (await Client.GetAsync(runId, timeout.Token))!;
        }
        while (running.Step < 1);
        var reminderWhileRunning = await reminders.ReadRow(grain.GetGrainId(), RunGrain.ReminderName);

        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        RunSnapshot stopped;
        do
        {
            await Task.Delay(50, timeout.Token);
            stopped = (await Client.GetAsync(runId, timeout.Token))!;
        }
        while (stopped.Executing && stopped.Status == RunStatus.Running);
        var done = await Client.WaitAsync(runId, timeout.Token);
        var result = await Client.GetAsync<Journey, Trip>(runId, timeout.Token);
        var reminderAfter = await reminders.ReadRow(grain.GetGrainId(), RunGrain.ReminderName);

        Assert.Equal(RunStatus.Running, running.Status);
        Assert.NotNull(reminderWhileRunning);
        Assert.Equal(ClusterFixture.ReminderPeriod, reminderWhileRunning.Period);
        Assert.Equal(RunStatus.Running, stopped.Status); // stopped at its last checkpoint, not failed
        Assert.Equal(RunStatus.Completed, done.Status);
        Assert.Equal(AllSteps, result!.Shared.Steps);
        Assert.Equal([0L, 1, 2, 3, 4], (await ToListAsync(Client.Store.GetHistoryAsync(runId))).Select(c => c.Step));
        var interrupted = AllSteps[(int)stopped.Step];
        Assert.Equal(2, Effects.Of(runId, interrupted)); // the node that was running ran again: exec is at-least-once
        Assert.Equal(AllSteps.Length + 1, AllSteps.Sum(node => Effects.Of(runId, node)));
        Assert.Null(reminderAfter); // unregistered when the run completed
    }

    [Fact]
    public async Task ARunForkedThroughTheStoreIsResumedByTheClusterIntoANewRun()
    {
        var runId = "fork-source-" + Guid.NewGuid().ToString("N");
        var forkId = "fork-" + Guid.NewGuid().ToString("N");
        await Client.StartAsync<Journey, Trip>(runId, new Trip { Name = runId });
        await Client.WaitAsync(runId);

        await Client.Store.ForkAsync(runId, 2, forkId);
        await Client.ResumeAsync<Journey>(forkId);
        var done = await Client.WaitAsync(forkId);
        var fork = await Client.GetAsync<Journey, Trip>(forkId);

        Assert.Equal(RunStatus.Completed, done.Status);
        Assert.Equal(AllSteps, fork!.Shared.Steps);
        Assert.Equal([2L, 3, 4], (await ToListAsync(Client.Store.GetHistoryAsync(forkId))).Select(c => c.Step));
        // The fork's store still names the source run: its execs count there. Only the nodes after step 2 ran again.
        Assert.Equal(1, Effects.Of(runId, nameof(First)));
        Assert.Equal(1, Effects.Of(runId, nameof(Second)));
        Assert.Equal(2, Effects.Of(runId, nameof(Third)));
        Assert.Equal(2, Effects.Of(runId, nameof(Fourth)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Client.ResumeAsync<Journey>(forkId));
    }

    [Fact]
    public async Task WatchingARunYieldsItsEventsInOrderUntilItCompletes()
    {
        var runId = "watch-" + Guid.NewGuid().ToString("N");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Client.StartAsync<Journey, Trip>(runId, new Trip { Name = runId, DelayMilliseconds = 100 }, timeout.Token);

        var events = new List<RunEvent>();
        await foreach (var value in Client.WatchAsync(runId, TimeSpan.FromMilliseconds(20), timeout.Token))
        {
            events.Add(value);
        }

        Assert.Equal(events.Select(e => e.Sequence).Distinct().Order(), events.Select(e => e.Sequence));
        Assert.Equal(AllSteps, events.Where(e => e.Kind == "nodeCompleted").Select(e => e.Path));
        Assert.Equal("graphCompleted", events[^1].Kind);
        Assert.Equal(RunStatus.Completed, (await Client.GetAsync(runId, timeout.Token))!.Status);
    }

    [Fact]
    public async Task AFailedRunDropsItsReminderAndRunsItsNodeAgainWhenResumed()
    {
        var runId = "flaky-" + Guid.NewGuid().ToString("N");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var grain = fixture.Cluster.Client.GetGrain<IRunGrain>(RunKeys.Key(GrainCheckpointStore.DefaultScope, runId));
        var reminders = new SqliteReminderTable(fixture.DatabasePath);
        Outage.Active = true;
        RunSnapshot failed;
        try
        {
            await Client.StartAsync<Flaky, Attempt>(runId, new Attempt(), timeout.Token);
            failed = await Client.WaitAsync(runId, timeout.Token);
        }
        finally
        {
            Outage.Active = false;
        }

        var typedFailed = await Client.GetAsync<Flaky, Attempt>(runId, timeout.Token);
        var reminderAfterFailure = await reminders.ReadRow(grain.GetGrainId(), RunGrain.ReminderName);
        await Client.ResumeAsync<Flaky>(runId, timeout.Token);
        var done = await Client.WaitAsync(runId, timeout.Token);
        var result = await Client.GetAsync<Flaky, Attempt>(runId, timeout.Token);

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal(typeof(System.Net.Http.HttpRequestException).FullName, failed.ErrorType);
        Assert.Equal("The service is down.", typedFailed!.Error!.Message);
        Assert.Equal(["Call"], failed.Position);
        Assert.Equal(["Prepare"], typedFailed.Shared.Steps); // the store as it was before the failed node
        Assert.Null(reminderAfterFailure);
        Assert.Equal(RunStatus.Completed, done.Status);
        Assert.Equal(["Prepare", "Call"], result!.Shared.Steps);
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
