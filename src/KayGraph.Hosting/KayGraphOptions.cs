using System;

namespace KayGraph.Hosting;

/// <summary>
/// How hosted runs execute. Bound from the configuration section <c>KayGraph</c> (for example <c>appsettings.json</c>:
/// <c>{ "KayGraph": { "MaxConcurrentRuns": 64, "StrictActions": true } }</c>), then from the delegate given to
/// <see cref="KayGraphServiceCollectionExtensions.AddKayGraph"/>.
/// </summary>
public sealed class KayGraphOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "KayGraph";

    /// <summary>
    /// How many runs execute at once in this host; more wait for a slot (a start request then waits too, until its first
    /// checkpoint is written). 0 means no limit. Default: 0.
    /// </summary>
    public int MaxConcurrentRuns { get; set; }

    /// <summary>
    /// When <see langword="true"/>, an action without a successor throws <see cref="UnknownActionException"/> (the run
    /// fails) instead of ending the graph with a warning. Default: <see langword="false"/>.
    /// </summary>
    public bool StrictActions { get; set; }

    /// <summary>
    /// When <see langword="true"/> (the default), the host resumes at start every run of its graphs whose latest checkpoint
    /// says it was running: runs that were going when the host stopped or died go on.
    /// </summary>
    public bool ResumeOnStart { get; set; } = true;

    /// <summary>
    /// How many events of a run's current stretch (from its start or resume to its end or suspension) are kept for event
    /// streams that connect late; older ones are dropped from the replay. Default: 1,000.
    /// </summary>
    public int EventReplayLimit { get; set; } = 1000;

    /// <summary>
    /// How long the events of a run's latest stretch stay available after it ended (completed, failed or suspended): an
    /// event stream that connects in that time, say right after its start or answer request returned, gets them before
    /// the final status. Default: one minute; zero keeps none.
    /// </summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromMinutes(1);
}
