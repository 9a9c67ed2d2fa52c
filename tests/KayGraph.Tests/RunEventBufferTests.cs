using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KayGraph.Tests;

/// <summary>
/// The buffer between a run and its reader (<c>RunEvents</c>): writers on many threads at once, a reader that takes them in
/// batches, the bound, the end, errors, cancellation and the events' times.
/// </summary>
public sealed class RunEventBufferTests
{
    [Fact]
    public async Task Events_of_writers_on_many_threads_arrive_once_each_and_in_each_writers_order()
    {
        const int Writers = 8;
        const int PerWriter = 5_000; // far over the capacity: writers wait for the reader many times
        var stream = RunEvents.StreamAsync(null, (events, token) => Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(
            async () =>
            {
                for (var i = 0; i < PerWriter; i++)
                {
                    await events.WriteAsync(new BatchProgress($"w{writer}", i, PerWriter), token);
                }
            },
            token))), CancellationToken.None);

        var next = new int[Writers];
        var count = 0;
        await foreach (var e in stream)
        {
            var progress = Assert.IsType<BatchProgress>(e);
            var writer = int.Parse(progress.NodePath.AsSpan(1), provider: null);
            Assert.Equal(next[writer]++, progress.Done);
            count++;
        }

        Assert.Equal(Writers * PerWriter, count);
        Assert.All(next, n => Assert.Equal(PerWriter, n));
    }

    [Fact]
    public async Task A_reader_that_stops_reading_stops_the_writer_at_the_capacity()
    {
        var written = 0;
        var stream = RunEvents.StreamAsync(null, async (events, token) =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                await events.WriteAsync(new NodeStarted("n", i), token);
                Volatile.Write(ref written, i + 1);
            }
        }, CancellationToken.None);

        await using var reader = stream.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync());
        await Task.Delay(200);
        var reached = Volatile.Read(ref written);
        await Task.Delay(100);

        Assert.Equal(reached, Volatile.Read(ref written)); // the writer waits
        Assert.InRange(reached, 1, (2 * RunEvents.Capacity) + 1); // one batch handed to the reader, at most a buffer more
        for (var i = 0; i < 3 * RunEvents.Capacity; i++)
        {
            Assert.True(await reader.MoveNextAsync());
        }

        Assert.True(Volatile.Read(ref written) > reached, "reading makes room: the writer goes on");
    }

    [Fact]
    public async Task Breaking_out_releases_a_writer_that_waits_without_a_token()
    {
        var stream = RunEvents.StreamAsync(null, async (events, token) =>
        {
            while (!token.IsCancellationRequested)
            {
                await events.WriteAsync(new NodeStarted("n", 1), CancellationToken.None); // as GraphFailed and RunSuspended are written
            }
        }, CancellationToken.None);

        var read = 0;
        await foreach (var e in stream)
        {
            if (++read == 3)
            {
                break; // disposing ends the run: it must not wait for room forever
            }
        }

        Assert.Equal(3, read);
    }

    [Fact]
    public async Task Disposing_twice_or_before_reading_is_harmless()
    {
        var started = 0;
        var stream = RunEvents.StreamAsync(null, (events, token) =>
        {
            Interlocked.Increment(ref started);
            return events.WriteAsync(new GraphStarted("g"), token).AsTask();
        }, CancellationToken.None);

        var unread = stream.GetAsyncEnumerator();
        await unread.DisposeAsync();
        await unread.DisposeAsync();
        var read = stream.GetAsyncEnumerator();
        Assert.True(await read.MoveNextAsync());
        await read.DisposeAsync();
        await read.DisposeAsync();

        Assert.Equal(1, started); // an enumerator nobody reads never starts its run
    }

    [Fact]
    public async Task The_runs_error_surfaces_after_every_event_it_wrote()
    {
        var stream = RunEvents.StreamAsync(null, async (events, token) =>
        {
            for (var i = 0; i < 10; i++)
            {
                await events.WriteAsync(new NodeStarted("n", i), token);
            }

            throw new InvalidOperationException("boom");
        }, CancellationToken.None);

        var seen = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var e in stream)
            {
                seen.Add(((NodeStarted)e).MaxRetries);
            }
        });

        Assert.Equal("boom", error.Message);
        Assert.Equal(Enumerable.Range(0, 10), seen);
    }

    [Fact]
    public async Task Cancelling_the_token_of_a_waiting_reader_ends_the_loop_with_a_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        var stream = RunEvents.StreamAsync(null, async (events, token) =>
        {
            await events.WriteAsync(new NodeStarted("n", 1), token);
            await Task.Delay(Timeout.Infinite, token);
        }, cancel.Token);

        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in stream)
            {
                read++;
                cancel.CancelAfter(50); // the reader now waits for an event that never comes
            }
        });

        Assert.Equal(1, read);
    }

    [Fact]
    public async Task Each_enumeration_runs_the_run_again()
    {
        var runs = 0;
        var stream = RunEvents.StreamAsync(null, async (events, token) =>
        {
            Interlocked.Increment(ref runs);
            await events.WriteAsync(new GraphStarted("g"), token);
        }, CancellationToken.None);

        Assert.Single(await stream.ToListAsync());
        Assert.Single(await stream.ToListAsync());
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task On_the_system_clock_events_are_in_order_and_a_nodes_duration_is_the_distance_of_its_events()
    {
        var before = DateTimeOffset.UtcNow;
        var first = Sleeper("first", "next");
        _ = first - "next" >> Sleeper("second", null);
        var events = await Scripted.Graph(NodeKind.Async, first).RunStreamingAsync(new Journal()).ToListAsync();
        var after = DateTimeOffset.UtcNow;

        Assert.All(events, e => Assert.InRange(e.At, before.AddMilliseconds(-50), after.AddMilliseconds(50)));
        Assert.Equal(events.Select(e => e.At).OrderBy(t => t), events.Select(e => e.At));
        foreach (var completed in events.OfType<NodeCompleted>())
        {
            var started = events.OfType<NodeStarted>().Single(s => s.NodePath == completed.NodePath);
            Assert.InRange((completed.At - started.At - completed.Duration).Ticks, -1, 1); // both from one reading each, rounded to 100 ns
            Assert.True(completed.Duration >= TimeSpan.FromMilliseconds(15), $"{completed.NodePath} slept 20 ms, measured {completed.Duration}");
        }
    }

    [Fact]
    public async Task On_another_clock_events_carry_that_clocks_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var stream = RunEvents.StreamAsync(new RunOptions { TimeProvider = clock }, async (events, token) =>
        {
            await events.WriteAsync(new GraphStarted("g"), token);
            clock.Advance(TimeSpan.FromMinutes(5));
            await events.WriteAsync(new GraphCompleted("g", null), token);
        }, CancellationToken.None);

        var events = await stream.ToListAsync();

        Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), events[0].At);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 5, 0, TimeSpan.Zero), events[1].At);
    }

    [Fact]
    public async Task Handed_out_events_compare_by_their_data_alone()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var stream = RunEvents.StreamAsync(new RunOptions { TimeProvider = clock }, async (events, token) =>
        {
            await events.WriteAsync(new NodeStarted("n", 1), token);
            await events.WriteAsync(new NodeStarted("n", 1), token);
        }, CancellationToken.None);

        var events = await stream.ToListAsync();

        Assert.Equal(events[0], events[1]); // the buffer's links are gone by the time the reader sees them
        Assert.Equal(events[0].GetHashCode(), events[1].GetHashCode());
    }

    private static NodeBase<Journal> Sleeper(string id, string? action) =>
        Scripted.Node(NodeKind.Async, id, new NodeScript<int, int>
        {
            Exec = (_, _) =>
            {
                Thread.Sleep(20); // a node that takes time: the sync script runs inside the async node's exec
                return 0;
            },
            Post = (_, _, _, _) => action,
        });
}
