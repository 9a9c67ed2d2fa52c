using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KayGraph.Tests;

/// <summary>
/// Backoff, cap, jitter, per-attempt timeouts and the retry filter of <see cref="NodeSettings"/>: the delay formulas as
/// functions, and the waits and timeouts as the executor applies them on a fake clock (no real waiting).
/// </summary>
public sealed class ResilienceTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(100);

    [Theory]
    [InlineData(Backoff.Constant, new[] { 100, 100, 100, 100, 100 })]
    [InlineData(Backoff.Linear, new[] { 100, 200, 300, 400, 500 })]
    [InlineData(Backoff.Exponential, new[] { 100, 200, 400, 800, 1600 })]
    public void DelaysFollowTheBackoffFormula(Backoff backoff, int[] expected)
    {
        var settings = new NodeSettings(6, Base, int.MaxValue, backoff);

        var delays = Enumerable.Range(1, expected.Length).Select(n => (int)settings.GetDelay(n).TotalMilliseconds);

        Assert.Equal(expected, delays);
    }

    [Theory]
    [InlineData(Backoff.Linear, new[] { 100, 200, 250, 250 })]
    [InlineData(Backoff.Exponential, new[] { 100, 200, 250, 250 })]
    [InlineData(Backoff.Constant, new[] { 100, 100, 100, 100 })]
    public void MaxWaitCapsEveryDelay(Backoff backoff, int[] expected)
    {
        var settings = new NodeSettings(5, Base, int.MaxValue, backoff, maxWait: TimeSpan.FromMilliseconds(250));

        var delays = Enumerable.Range(1, expected.Length).Select(n => (int)settings.GetDelay(n).TotalMilliseconds);

        Assert.Equal(expected, delays);
    }

    [Fact]
    public void AnExponentialDelayThatWouldOverflowStopsAtTheTimerLimit()
    {
        var settings = new NodeSettings(int.MaxValue, TimeSpan.FromSeconds(1), int.MaxValue, Backoff.Exponential);

        Assert.Equal(TimeSpan.FromMilliseconds(int.MaxValue), settings.GetDelay(1_000));
        Assert.Equal(TimeSpan.FromMilliseconds(int.MaxValue), settings.GetDelay(int.MaxValue));
    }

    [Theory]
    [InlineData(0.0, 500)]
    [InlineData(0.5, 750)]
    [InlineData(0.999999, 999)]
    public void EqualJitterLiesBetweenHalfTheDelayAndAllOfIt(double sample, int expectedMilliseconds)
    {
        var jittered = NodeSettings.ApplyJitter(TimeSpan.FromSeconds(1), sample);

        Assert.Equal(expectedMilliseconds, (int)jittered.TotalMilliseconds);
    }

    [Fact]
    public void InvalidArgumentsAreRejectedByName()
    {
        Assert.Equal("maxWait", Assert.Throws<ArgumentOutOfRangeException>(() => new NodeSettings(2, Base, int.MaxValue, Backoff.Constant, maxWait: TimeSpan.FromMilliseconds(-1))).ParamName);
        Assert.Equal("maxWait", Assert.Throws<ArgumentOutOfRangeException>(() => new NodeSettings(2, Base, int.MaxValue, Backoff.Constant, maxWait: TimeSpan.FromMilliseconds(50))).ParamName);
        Assert.Equal("timeout", Assert.Throws<ArgumentOutOfRangeException>(() => new NodeSettings(2, Base, int.MaxValue, Backoff.Constant, timeout: TimeSpan.FromMilliseconds(-1))).ParamName);
        Assert.Equal("backoff", Assert.Throws<ArgumentOutOfRangeException>(() => new NodeSettings(2, Base, int.MaxValue, (Backoff)7)).ParamName);
        Assert.Equal("retry", Assert.Throws<ArgumentOutOfRangeException>(() => NodeSettings.Default.GetDelay(0)).ParamName);
        Assert.Equal("timeoutMilliseconds", Assert.Throws<ArgumentOutOfRangeException>(() => NodeSettings.FromMilliseconds(1, 0, int.MaxValue, Backoff.Constant, 0, false, -5, null)).ParamName);
    }

    [Fact]
    public async Task TheExecutorWaitsTheExponentialSequenceCappedOnTheFakeClock()
    {
        var clock = new DueTimeClock();
        var settings = new NodeSettings(5, Base, int.MaxValue, Backoff.Exponential, maxWait: TimeSpan.FromMilliseconds(500));
        var node = new ScriptedAsync(settings, context => throw new InvalidOperationException("down " + context.Attempt));

        var run = node.RunAsync(new Journal(), new RunOptions { TimeProvider = clock }).AsTask();
        var waits = await DriveAsync(clock, run, expectedWaits: 4);

        Assert.Equal([100, 200, 400, 500], waits.Select(w => (int)w.TotalMilliseconds));
        Assert.Equal(5, node.Attempts);
        var error = await Assert.ThrowsAsync<NodeExecutionException>(() => run);
        Assert.Equal(5, error.Attempt);
    }

    [Fact]
    public async Task JitteredWaitsStayWithinHalfTheDelayAndTheDelay()
    {
        var clock = new DueTimeClock();
        var settings = new NodeSettings(7, Base, int.MaxValue, Backoff.Linear, jitter: true);
        var node = new ScriptedAsync(settings, _ => throw new InvalidOperationException("down"));

        var run = node.RunAsync(new Journal(), new RunOptions { TimeProvider = clock }).AsTask();
        var waits = await DriveAsync(clock, run, expectedWaits: 6);

        for (var retry = 1; retry <= waits.Count; retry++)
        {
            var full = settings.GetDelay(retry);
            Assert.InRange(waits[retry - 1], TimeSpan.FromTicks(full.Ticks / 2), full);
        }

        await Assert.ThrowsAsync<NodeExecutionException>(() => run);
    }

    [Fact]
    public async Task ATimedOutAttemptFailsWithTimeoutExceptionIsRetriedAndReachesTheFallback()
    {
        var clock = new DueTimeClock();
        var settings = new NodeSettings(3, TimeSpan.Zero, int.MaxValue, Backoff.Constant, timeout: TimeSpan.FromSeconds(30));
        var node = new ScriptedAsync(settings, async context =>
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return "never";
        })
        { Fallback = error => error.GetType().Name + ": " + error.Message };
        var journal = new Journal();
        var logger = new RecordingLogger();

        var run = node.RunAsync(journal, new RunOptions { TimeProvider = clock, Logger = logger }).AsTask();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Eventually.True(() => node.Attempts == attempt && clock.DueTimes.Count == attempt, $"attempt {attempt} runs under its timer");
            Assert.Equal(TimeSpan.FromSeconds(30), clock.DueTimes[attempt - 1]);
            clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
            Assert.Equal(attempt, node.Attempts);
            Assert.False(run.IsCompleted);
            clock.Advance(TimeSpan.FromTicks(1));
        }

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, node.Attempts);
        Assert.Equal(["TimeoutException: Node 'scripted' attempt 3 of 3 timed out after 30000 ms"], journal.Events);
        Assert.Equal(
            ["Node 'scripted' attempt 1 of 3 timed out after 30000 ms", "Node 'scripted' attempt 2 of 3 timed out after 30000 ms"],
            logger.Named("Retrying").Select(e => Assert.IsType<TimeoutException>(e.Exception).Message));
        Assert.All(logger.Named("Retrying"), e => Assert.IsAssignableFrom<OperationCanceledException>(e.Exception!.InnerException));
    }

    [Fact]
    public async Task AnAttemptThatFinishesInTimeSucceedsAndItsTokenIsTheCallersAgainAfterwards()
    {
        var clock = new DueTimeClock();
        using var caller = new CancellationTokenSource();
        var settings = new NodeSettings(2, TimeSpan.Zero, int.MaxValue, Backoff.Constant, timeout: TimeSpan.FromSeconds(1));
        CancellationToken seen = default;
        var node = new ScriptedAsync(settings, context =>
        {
            seen = context.CancellationToken;
            return new ValueTask<string>("ok");
        });
        var journal = new Journal();
        var context = new NodeContext(new RunOptions { TimeProvider = clock }, cancellationToken: caller.Token);

        var action = await node.RunAsync(journal, context);

        Assert.Null(action);
        Assert.Equal(["ok"], journal.Events);
        Assert.NotEqual(caller.Token, seen);
        Assert.Equal(caller.Token, context.CancellationToken);
        Assert.Equal(0, context.Attempt);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(seen.IsCancellationRequested);
    }

    [Fact]
    public async Task TheCallersCancellationDuringATimedAttemptIsCancellationAndIsNotRetried()
    {
        var clock = new DueTimeClock();
        using var caller = new CancellationTokenSource();
        var settings = new NodeSettings(3, TimeSpan.Zero, int.MaxValue, Backoff.Constant, timeout: TimeSpan.FromSeconds(30));
        var node = new ScriptedAsync(settings, async context =>
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return "never";
        })
        { Fallback = _ => "fallback" };
        var journal = new Journal();

        var run = node.RunAsync(journal, new RunOptions { TimeProvider = clock }, caller.Token).AsTask();
        await Eventually.True(() => node.Attempts == 1, "the first attempt runs");
        await caller.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.IsNotType<TimeoutException>(error.InnerException);
        Assert.Equal(1, node.Attempts);
        Assert.Empty(journal.Events);
    }

    [Fact]
    public async Task AFailureTheFilterMatchesIsRetried()
    {
        var settings = new NodeSettings(3, TimeSpan.Zero, int.MaxValue, Backoff.Constant, retryOn: e => e is InvalidOperationException);
        var node = new ScriptedAsync(settings, context => context.Attempt < 2 ? throw new InvalidOperationException("transient") : new ValueTask<string>("ok"));
        var journal = new Journal();

        await node.RunAsync(journal);

        Assert.Equal(3, node.Attempts);
        Assert.Equal(["ok"], journal.Events);
    }

    [Fact]
    public async Task AFailureTheFilterDoesNotMatchGoesStraightToTheFallback()
    {
        var logger = new RecordingLogger();
        var settings = new NodeSettings(5, TimeSpan.FromSeconds(10), int.MaxValue, Backoff.Constant, retryOn: e => e is InvalidOperationException);
        var node = new ScriptedAsync(settings, _ => throw new ArgumentException("permanent"))
        {
            Fallback = error => "fallback after " + error.GetType().Name,
        };
        var journal = new Journal();

        await node.RunAsync(journal, new RunOptions { Logger = logger });

        Assert.Equal(1, node.Attempts);
        Assert.Equal(["fallback after ArgumentException"], journal.Events);
        Assert.IsType<ArgumentException>(Assert.Single(logger.Named("NotRetried")).Exception);
    }

    [Fact]
    public async Task WithoutAFallbackTheUnretriedFailureNamesTheAttemptThatRaisedIt()
    {
        var settings = new NodeSettings(4, TimeSpan.Zero, int.MaxValue, Backoff.Constant, retryOn: e => e is InvalidOperationException);
        var node = new ScriptedAsync(settings, context => context.Attempt == 0 ? throw new InvalidOperationException("transient") : throw new ArgumentException("permanent"));

        var error = await Assert.ThrowsAsync<NodeExecutionException>(() => node.RunAsync(new Journal()).AsTask());

        Assert.Equal(2, error.Attempt);
        Assert.Equal(4, error.MaxRetries);
        Assert.IsType<ArgumentException>(error.InnerException);
    }

    [Fact]
    public async Task ATimeoutIsFilteredLikeAnyFailure()
    {
        var clock = new DueTimeClock();
        var settings = new NodeSettings(3, TimeSpan.Zero, int.MaxValue, Backoff.Constant, timeout: TimeSpan.FromSeconds(1), retryOn: e => e is InvalidOperationException);
        var node = new ScriptedAsync(settings, async context =>
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return "never";
        });

        var run = node.RunAsync(new Journal(), new RunOptions { TimeProvider = clock }).AsTask();
        await Eventually.True(() => clock.DueTimes.Count == 1, "the attempt's timer is set");
        clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<NodeExecutionException>(() => run);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(1, node.Attempts);
    }

    /// <summary>Advances the clock by each wait as it is registered, until <paramref name="expectedWaits"/> waits were waited; returns them.</summary>
    private static async Task<List<TimeSpan>> DriveAsync(DueTimeClock clock, Task run, int expectedWaits)
    {
        for (var wait = 1; wait <= expectedWaits; wait++)
        {
            await Eventually.True(() => clock.DueTimes.Count == wait, $"wait {wait} is registered");
            var due = clock.DueTimes[wait - 1];
            if (due > TimeSpan.FromTicks(1))
            {
                clock.Advance(due - TimeSpan.FromTicks(1));
                Assert.Equal(wait, clock.DueTimes.Count);
            }

            clock.Advance(due);
        }

        await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(run.IsCompleted);
        return clock.DueTimes.ToList();
    }

    /// <summary>A fake clock that remembers the due time of every timer created on it (waits and attempt timeouts).</summary>
    private sealed class DueTimeClock : FakeTimeProvider
    {
        private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

        public IReadOnlyList<TimeSpan> DueTimes => _dueTimes.ToArray();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _dueTimes.Enqueue(dueTime);
            return timer;
        }
    }

    /// <summary>An async node whose exec is a script, counting its attempts; its fallback is a script too, or declines.</summary>
    private sealed class ScriptedAsync(NodeSettings settings, Func<NodeContext, ValueTask<string>> exec) : AsyncNode<Journal, Unit, string>(settings, "scripted")
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public Func<Exception, string>? Fallback { get; init; }

        public override ValueTask<string> ExecAsync(Unit input, NodeContext context)
        {
            Interlocked.Increment(ref _attempts);
            return exec(context);
        }

        public override ValueTask<string> ExecFallbackAsync(Unit input, Exception error, NodeContext context) =>
            Fallback is { } fallback ? new(fallback(error)) : base.ExecFallbackAsync(input, error, context);

        public override ValueTask<string?> PostAsync(Journal shared, Unit prep, string exec, NodeContext context)
        {
            shared.Record(exec);
            return default;
        }
    }
}
