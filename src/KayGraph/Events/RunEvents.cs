using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// The events of one observed run: a bounded channel, so a slow reader slows the run instead of letting memory grow. A run
/// nobody observes has none (its context's <c>Events</c> is <see langword="null"/>), and pays one null check per node.
/// </summary>
internal sealed class RunEvents
{
    /// <summary>How many events may wait for the reader before the run waits for it.</summary>
    public const int Capacity = 64;

    private readonly Channel<GraphEvent> _channel = Channel.CreateBounded<GraphEvent>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = false,
    });

    private readonly TimeProvider _clock;

    public RunEvents(TimeProvider clock)
    {
        _clock = clock;
    }

    public ChannelReader<GraphEvent> Reader => _channel.Reader;

    /// <summary>Writes an event, waiting while the reader is <see cref="Capacity"/> events behind.</summary>
    public ValueTask WriteAsync(GraphEvent value, CancellationToken cancellationToken)
    {
        value.At = _clock.GetUtcNow(); // stamped in place: the event was just created for this write, nobody else holds it
        return _channel.Writer.TryWrite(value) ? default : _channel.Writer.WriteAsync(value, cancellationToken);
    }

    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    /// <summary>
    /// Runs <paramref name="run"/> with these events and yields them as they come. Breaking out of the loop (or cancelling
    /// <paramref name="cancellationToken"/>) cancels the run; an error of the run surfaces after its events.
    /// </summary>
    public static async IAsyncEnumerable<GraphEvent> StreamAsync(RunOptions? options, Func<RunEvents, CancellationToken, Task> run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = new RunEvents((options ?? RunOptions.Default).TimeProvider);
        var running = Task.Run(
            async () =>
            {
                try
                {
                    await run(events, stop.Token).ConfigureAwait(false);
                    events.Complete();
                }
                catch (Exception error)
                {
                    events.Complete(error);
                }
            },
            CancellationToken.None);
        try
        {
            while (await events.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (events.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            stop.Cancel();
            await running.ConfigureAwait(false);
        }
    }
}
