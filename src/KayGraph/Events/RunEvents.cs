using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace KayGraph;

/// <summary>
/// The events of one observed run, and the reader's side of them (the enumerator <c>RunStreamingAsync</c> hands out). A
/// run nobody observes has none (its context's <c>Events</c> is <see langword="null"/>) and pays one null check per node.
/// </summary>
/// <remarks>
/// <para>
/// Writers (the run's nodes, on whatever thread they run, batch items at once) push each event onto a lock-free stack with
/// one compare-and-swap; the reader takes the whole stack with one exchange and reverses it, so it crosses threads once
/// per batch of events instead of once per event, and a run whose reader keeps up never waits or allocates for it. The
/// reader sleeps only when nothing is pending, and the write that finds it asleep wakes it (on the thread pool: the
/// reader's code never runs on the run's thread).
/// </para>
/// <para>
/// Bounded: an event pushed while <see cref="Capacity"/> are unread makes its writer wait until the reader takes them, so
/// a slow reader slows the run instead of letting memory grow.
/// </para>
/// </remarks>
internal sealed class RunEvents : IAsyncEnumerator<GraphEvent>, IValueTaskSource<bool>
{
    /// <summary>How many events may wait for the reader before a writer waits for it.</summary>
    public const int Capacity = 1024;

    /// <summary>How long the reader spins for the next event before it sleeps: 20 µs.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 50_000;

    /// <summary>The pause between two looks at the stack while the reader spins (<see cref="Thread.SpinWait"/> iterations, about a microsecond).</summary>
    private const int PollPause = 20;

    /// <summary>The stack's top while the reader sleeps: the write that replaces it wakes the reader.</summary>
    private static readonly GraphEvent ReaderAsleep = new EndOfRun(null);

    private readonly TimeProvider _clock;
    private readonly bool _systemClock;
    private readonly DateTimeOffset _anchorTime;
    private readonly long _anchorTimestamp;
    private readonly CancellationTokenSource _stop;
    private readonly Func<RunEvents, CancellationToken, Task> _run;
    private readonly object _gate = new();

    /// <summary>The newest unread event (each links to the one pushed before it), <see cref="ReaderAsleep"/>, or null.</summary>
    private GraphEvent? _top;

    /// <summary>The reader's events taken from the stack, oldest first, not yet handed out.</summary>
    private GraphEvent? _taken;

    private GraphEvent? _current;
    private ManualResetValueTaskSourceCore<bool> _wake = new() { RunContinuationsAsynchronously = true };
    private int _writersWaiting;
    private TaskCompletionSource<bool>? _room;
    private bool _closed;
    private bool _ended;
    private Task? _running;

    private RunEvents(RunOptions? options, Func<RunEvents, CancellationToken, Task> run, CancellationToken first, CancellationToken second)
    {
        _clock = (options ?? RunOptions.Default).TimeProvider;
        _systemClock = ReferenceEquals(_clock, TimeProvider.System);
        _anchorTime = _clock.GetUtcNow();
        _anchorTimestamp = _clock.GetTimestamp();
        _run = run;
        _stop = second.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(first, second)
            : CancellationTokenSource.CreateLinkedTokenSource(first);
    }

    /// <inheritdoc />
    public GraphEvent Current => _current ?? throw new InvalidOperationException("MoveNextAsync has not returned true.");

    /// <summary>
    /// Runs <paramref name="run"/> with a new buffer of events per enumeration and yields them as they come. Breaking out of
    /// the loop (or cancelling <paramref name="cancellationToken"/>) cancels the run; an error of the run surfaces after its events.
    /// </summary>
    public static IAsyncEnumerable<GraphEvent> StreamAsync(RunOptions? options, Func<RunEvents, CancellationToken, Task> run, CancellationToken cancellationToken) =>
        new Stream(options, run, cancellationToken);

    /// <summary>A reading of the run's clock, for <see cref="Write"/> and <see cref="Elapsed"/>.</summary>
    public long Timestamp() => _clock.GetTimestamp();

    /// <summary>The time between two readings of <see cref="Timestamp"/>.</summary>
    public TimeSpan Elapsed(long from, long to) => _clock.GetElapsedTime(from, to);

    /// <summary>Writes an event that happened now.</summary>
    public ValueTask WriteAsync(GraphEvent value, CancellationToken cancellationToken) => Write(value, _clock.GetTimestamp(), cancellationToken);

    /// <summary>
    /// Writes an event that happened at <paramref name="timestamp"/> (a reading of <see cref="Timestamp"/>), waiting while
    /// the reader is <see cref="Capacity"/> events behind.
    /// </summary>
    /// <remarks>
    /// On the system clock, <see cref="GraphEvent.At"/> is the wall-clock time at the run's start plus the monotonic time
    /// elapsed since: one clock reading per event, events in order, and a node's completion minus its start equal to its
    /// duration (to the tick: each is rounded to 100 ns). Any other <see cref="TimeProvider"/> (a test's fake clock) is asked for the time itself.
    /// </remarks>
    public ValueTask Write(GraphEvent value, long timestamp, CancellationToken cancellationToken)
    {
        value.At = _systemClock ? _anchorTime + _clock.GetElapsedTime(_anchorTimestamp, timestamp) : _clock.GetUtcNow(); // stamped in place: nobody else holds it yet
        return Push(value) > Capacity ? WaitForRoomAsync(cancellationToken) : default;
    }

    /// <summary>Ends the events: the reader sees every event written before, then the end (and <paramref name="error"/>, if any).</summary>
    public void Complete(Exception? error = null) => Push(new EndOfRun(error));

    /// <inheritdoc />
    public ValueTask<bool> MoveNextAsync()
    {
        if (_ended)
        {
            return default;
        }

        if (_taken is null)
        {
            _running ??= Start();
            if (_stop.IsCancellationRequested)
            {
                return new ValueTask<bool>(Task.FromCanceled<bool>(_stop.Token));
            }

            if (!TakeAll())
            {
                return new ValueTask<bool>(this, _wake.Version); // asleep: the next write wakes the reader (GetResult takes it)
            }
        }

        return new ValueTask<bool>(HandOut());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return; // disposed before
            }

            _closed = true; // writers no longer wait for a reader that is gone
        }

        ReleaseWriters();
        _stop.Cancel();
        if (_running is not null)
        {
            await _running.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        _wake.GetResult(token);
        TakeAll();
        return HandOut();
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _wake.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _wake.OnCompleted(continuation, state, token, flags);

    /// <summary>Pushes an event; returns how many are unread with it.</summary>
    private int Push(GraphEvent value)
    {
        while (true)
        {
            var top = Volatile.Read(ref _top);
            var asleep = ReferenceEquals(top, ReaderAsleep);
            value.Below = asleep ? null : top;
            value.Depth = asleep || top is null ? 1 : top.Depth + 1;
            if (ReferenceEquals(Interlocked.CompareExchange(ref _top, value, top), top))
            {
                if (asleep)
                {
                    _wake.SetResult(true); // only this write replaced the marker: the reader is woken exactly once
                }

                return value.Depth;
            }
        }
    }

    /// <summary>Takes every unread event, oldest first; false (and the reader asleep) when there are none.</summary>
    private bool TakeAll()
    {
        while (true)
        {
            var top = Interlocked.Exchange(ref _top, null);
            if (top is not null && !ReferenceEquals(top, ReaderAsleep))
            {
                GraphEvent? oldestFirst = null;
                while (top is not null)
                {
                    var below = top.Below;
                    top.Below = oldestFirst;
                    oldestFirst = top;
                    top = below;
                }

                _taken = oldestFirst;
                if (Volatile.Read(ref _writersWaiting) != 0)
                {
                    ReleaseWriters();
                }

                return true;
            }

            if (SpinForEvents(ref _top))
            {
                continue;
            }

            _wake.Reset();
            if (Interlocked.CompareExchange(ref _top, ReaderAsleep, null) is null)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Waits a moment (<see cref="SpinTicks"/>) for the next event before going to sleep, on more than one core: a run that
    /// reports events in quick succession then never waits for a sleeping reader to be woken (on a virtual machine a
    /// wake-up through the thread pool can take a hundred microseconds and more), and a run between slow nodes costs the
    /// reader a few microseconds of spinning per event.
    /// </summary>
    private static bool SpinForEvents(ref GraphEvent? top)
    {
        if (Environment.ProcessorCount == 1)
        {
            return false;
        }

        var until = Stopwatch.GetTimestamp() + SpinTicks;
        for (var polls = 1; ; polls++)
        {
            if ((polls & 7) == 0)
            {
                Thread.Yield(); // a writer on this core gets it
            }
            else
            {
                Thread.SpinWait(PollPause); // polls apart, so that each take finds several events and the writer's line stays its own
            }

            if (Volatile.Read(ref top) is not null)
            {
                return true;
            }

            if (Stopwatch.GetTimestamp() >= until)
            {
                return false;
            }
        }
    }

    /// <summary>Hands out the oldest taken event; at the end, false or the run's error.</summary>
    private bool HandOut()
    {
        var next = _taken!;
        _taken = next.Below;
        next.Below = null;
        next.Depth = 0;
        if (next is not EndOfRun end)
        {
            _current = next;
            return true;
        }

        _ended = true;
        _taken = null;
        _current = null;
        if (end.Error is { } error)
        {
            if (_stop.IsCancellationRequested && error is not OperationCanceledException)
            {
                throw new OperationCanceledException(_stop.Token);
            }

            ExceptionDispatchInfo.Capture(error).Throw();
        }

        return false;
    }

    private Task Start()
    {
        var run = _run;
        var token = _stop.Token;
        return Task.Run(
            async () =>
            {
                try
                {
                    await run(this, token).ConfigureAwait(false);
                    Complete();
                }
                catch (Exception error)
                {
                    Complete(error);
                }
            },
            CancellationToken.None);
    }

    private async ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        Task room;
        lock (_gate)
        {
            Interlocked.Exchange(ref _writersWaiting, 1); // before looking at the stack: the reader's take looks at this after it
            if (_closed || Volatile.Read(ref _top) is not { Depth: > Capacity })
            {
                return;
            }

            _room ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            room = _room.Task;
        }

        if (!cancellationToken.CanBeCanceled)
        {
            await room.ConfigureAwait(false);
            return;
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(room, cancelled.Task).ConfigureAwait(false) != room)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private void ReleaseWriters()
    {
        lock (_gate)
        {
            _writersWaiting = 0;
            _room?.TrySetResult(true);
            _room = null;
        }
    }

    /// <summary>The last event of a run, never handed out: the end of the events and the run's error.</summary>
    private sealed record EndOfRun(Exception? Error) : GraphEvent;

    /// <summary>One run per enumeration, as an async iterator would.</summary>
    private sealed class Stream(RunOptions? options, Func<RunEvents, CancellationToken, Task> run, CancellationToken cancellationToken) : IAsyncEnumerable<GraphEvent>
    {
        public IAsyncEnumerator<GraphEvent> GetAsyncEnumerator(CancellationToken enumeratorCancellation = default) =>
            new RunEvents(options, run, cancellationToken, enumeratorCancellation);
    }
}
