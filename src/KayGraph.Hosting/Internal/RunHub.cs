using System.Collections.Generic;
using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace KayGraph.Hosting.Internal;

/// <summary>
/// The events of one stretch of a run executing in this host (from its start or resume until it ends or suspends), as
/// server-sent-event items: kept for streams that connect late (up to a limit) and handed to every connected stream.
/// </summary>
internal sealed class RunHub(int replayLimit)
{
    private readonly object _gate = new();
    private readonly Queue<SseItem<string>> _replay = new();
    private readonly List<Channel<SseItem<string>>> _subscribers = new();
    private bool _completed;

    /// <summary>Hands an event to every stream and keeps it for later ones.</summary>
    public void Publish(SseItem<string> item)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            if (replayLimit > 0)
            {
                if (_replay.Count == replayLimit)
                {
                    _replay.Dequeue();
                }

                _replay.Enqueue(item);
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(item); // unbounded: a slow stream costs its own memory, never the run's progress
            }
        }
    }

    /// <summary>A stream of this stretch's events so far and then as they come, ending when the stretch ends.</summary>
    public ChannelReader<SseItem<string>> Subscribe()
    {
        var channel = Channel.CreateUnbounded<SseItem<string>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        lock (_gate)
        {
            foreach (var item in _replay)
            {
                channel.Writer.TryWrite(item);
            }

            if (_completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _subscribers.Add(channel);
            }
        }

        return channel.Reader;
    }

    /// <summary>Ends every stream (after the events it has).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }

            _subscribers.Clear();
        }
    }

    /// <summary>Stops handing events to one stream (its client went away).</summary>
    public void Unsubscribe(ChannelReader<SseItem<string>> reader)
    {
        lock (_gate)
        {
            _subscribers.RemoveAll(c => c.Reader == reader);
        }
    }
}
