using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KayGraph;

/// <summary>
/// Options of one graph run: where to log, which clock to use for retry waits, and whether an action without a successor
/// ends the graph with a warning (KayGraph behaviour) or throws <see cref="UnknownActionException"/>.
/// </summary>
public sealed class RunOptions
{
    /// <summary>The default options: no logging, the system clock, lenient actions.</summary>
    public static RunOptions Default { get; } = new();

    /// <summary>The logger for warnings (unknown actions, retries, suppressed errors). Default: a null logger.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The clock used for waits between attempts; replace it with a fake in tests. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// When <see langword="true"/>, an action that has no successor on a node that declares successors throws
    /// <see cref="UnknownActionException"/> instead of ending the graph with a warning. Default: <see langword="false"/>.
    /// </summary>
    public bool StrictActions { get; init; }

    /// <summary>
    /// The services of the run: where nodes declared with <c>[Node(Resilience = "key")]</c> find the Polly
    /// <c>ResiliencePipelineProvider&lt;string&gt;</c> that holds their pipeline. Generated graphs created from an
    /// <see cref="IServiceProvider"/> use that provider. Default: none.
    /// </summary>
    public IServiceProvider? Services { get; init; }
}
