using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Orleans.TestingHost;
using Xunit;
using Xunit.Abstractions;

namespace KayGraph.Orleans.Tests;

/// <summary>
/// A silo killed under a few hundred runs: every run completes, each step's effect in its store exactly once, the nodes
/// that were running on the dead silo run again elsewhere (exec at-least-once), woken by their reminders.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KillTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private const int Runs = 300;

    private static readonly string[] AllSteps = [nameof(First), nameof(Second), nameof(Third), nameof(Fourth)];

    [Fact]
    public async Task EveryRunCompletesWithEachStepOnceWhenASiloIsKilledMidRun()
    {
        var client = fixture.Client;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var prefix = "kill-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var ids = Enumerable.Range(0, Runs).Select(i => prefix + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var clock = Stopwatch.StartNew();

        var reviews = Enumerable.Range(0, 40).Select(i => prefix + "review-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        await Task.WhenAll(reviews.Select(id => client.StartAsync<Approval, Doc>(id, new Doc { Title = id }, timeout.Token)));
        await Task.WhenAll(ids.Select(id => client.StartAsync<Journey, Trip>(id, new Trip { Name = id, DelayMilliseconds = 800 }, timeout.Token)));
        var startedIn = clock.Elapsed;
        var waiting = await Task.WhenAll(reviews.Select(id => client.WaitAsync(id, timeout.Token)));

        // The victim: a secondary silo (the primary hosts the test cluster's membership table), with runs executing on it.
        var victim = fixture.Cluster.SecondarySilos[0];
        var snapshots = await Task.WhenAll(ids.Select(id => client.GetAsync(id, timeout.Token)));
        var onVictim = snapshots.Where(s => s!.Executing && s.Status == RunStatus.Running && s.Silo == victim.SiloAddress.ToString()).Select(s => s!.RunId).ToHashSet();
        Assert.NotEmpty(onVictim);
        await fixture.Cluster.KillSiloAsync(victim);
        var killedAt = clock.Elapsed;

        var done = await Task.WhenAll(ids.Select(id => client.WaitAsync(id, timeout.Token)));
        var finishedAt = clock.Elapsed;

        // The runs that waited for an answer on the dead silo are answered now, through whichever silo the client reaches.
        var suspendedOnVictim = waiting.Count(w => w.Silo == victim.SiloAddress.ToString());
        await Task.WhenAll(reviews.Select(id => client.AnswerAsync<Approval, Verdict>(id, new Verdict(true, "after the kill"), timeout.Token)));
        var reviewed = await Task.WhenAll(reviews.Select(id => client.WaitAsync(id, timeout.Token)));
        var published = await Task.WhenAll(reviews.Select(id => client.GetAsync<Approval, Doc>(id, timeout.Token)));
        Assert.All(waiting, w => Assert.Equal(RunStatus.Suspended, w.Status));
        Assert.True(suspendedOnVictim > 0, "No suspended run was on the killed silo.");
        Assert.All(reviewed, r => Assert.Equal(RunStatus.Completed, r.Status));
        Assert.All(published, p => Assert.True(p!.Shared.Published));
        var results = await Task.WhenAll(ids.Select(id => client.GetAsync<Journey, Trip>(id, timeout.Token)));

        Assert.All(done, d => Assert.Equal(RunStatus.Completed, d.Status));
        Assert.All(done, d => Assert.NotEqual(victim.SiloAddress.ToString(), d.Silo));
        Assert.All(results, r => Assert.Equal(AllSteps, r!.Shared.Steps)); // the store's state: each step exactly once
        foreach (var id in ids.Where((_, i) => i % 10 == 0).Concat(onVictim.Take(20)))
        {
            var history = await RunTests.ToListAsync(client.Store.GetHistoryAsync(id, timeout.Token));
            Assert.Equal([0L, 1, 2, 3, 4], history.Select(c => c.Step));
        }

        Assert.All(ids, id => Assert.All(AllSteps, node => Assert.InRange(Effects.Of(id, node), 1, 3)));
        var rerun = onVictim.Count(id => AllSteps.Any(node => Effects.Of(id, node) > 1));
        Assert.True(rerun > 0, "No node of the runs on the killed silo ran again.");
        // Runs elsewhere normally ran each node once; Orleans may also move a few whose directory entry the dead silo held.
        var rerunElsewhere = ids.Except(onVictim).Count(id => AllSteps.Any(node => Effects.Of(id, node) > 1));
        output.WriteLine($"{Runs} runs started in {startedIn.TotalSeconds:F1} s; silo {victim.SiloAddress} killed at {killedAt.TotalSeconds:F1} s with {onVictim.Count} runs executing on it; all completed at {finishedAt.TotalSeconds:F1} s; {rerun} of those ran a node again ({rerunElsewhere} runs elsewhere did); {suspendedOnVictim} of {reviews.Length} suspended runs were on it and were answered after.");

        // Back to three silos for the tests that follow.
        await fixture.Cluster.StartAdditionalSiloAsync();
    }
}
