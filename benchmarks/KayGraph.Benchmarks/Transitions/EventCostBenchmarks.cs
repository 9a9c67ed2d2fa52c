using System;
using BenchmarkDotNet.Attributes;
using KayGraph.Benchmarks.Reporting;

namespace KayGraph.Benchmarks.Transitions;

/// <summary>
/// What any listener that reports a node's start and end with their times must pay per event, whatever carries the events
/// to the reader: one reading of the clock (<see cref="TimeProvider.System"/>, as runs use by default) and one event object.
/// The floor under <c>GeneratedGraphWithListener</c>: a transition reports two events.
/// </summary>
[Config(typeof(TransitionConfig))]
public class EventCostBenchmarks
{
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly string _path = "ping";

    /// <summary>One monotonic clock reading (what the runtime reads per event).</summary>
    /// <returns>The reading.</returns>
    [Benchmark(Baseline = true)]
    public long ClockTimestamp() => _clock.GetTimestamp();

    /// <summary>One wall-clock reading (what the runtime read per event before issue 14, on top of the timestamps).</summary>
    /// <returns>The time.</returns>
    [Benchmark]
    public DateTimeOffset ClockUtcNow() => _clock.GetUtcNow();

    /// <summary>One <see cref="NodeCompleted"/> created (the larger of a transition's two events).</summary>
    /// <returns>The event.</returns>
    [Benchmark]
    public GraphEvent NewNodeCompleted() => new NodeCompleted(_path, "continue", 1, TimeSpan.FromTicks(150));
}
