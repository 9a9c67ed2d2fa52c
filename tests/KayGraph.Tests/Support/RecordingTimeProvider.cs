using System;
using System.Threading;
using Microsoft.Extensions.Time.Testing;

namespace KayGraph.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also counts the timers created on it and the timer callbacks that fired, so a test
/// can see that a retry wait was registered, and that it ends only once fake time has advanced by the full wait.
/// </summary>
public sealed class RecordingTimeProvider : FakeTimeProvider
{
    private int _timersCreated;
    private int _timersFired;

    /// <summary>How many timers (waits) were created.</summary>
    public int TimersCreated => Volatile.Read(ref _timersCreated);

    /// <summary>How many timer callbacks fired.</summary>
    public int TimersFired => Volatile.Read(ref _timersFired);

    /// <summary>The due time of the last timer created.</summary>
    public TimeSpan LastDueTime { get; private set; }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        LastDueTime = dueTime;
        var timer = base.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref _timersFired);
                callback(s);
            },
            state,
            dueTime,
            period);
        Interlocked.Increment(ref _timersCreated);
        return timer;
    }
}
