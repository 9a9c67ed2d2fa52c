using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace KayGraph;

/// <summary>
/// The observability surface of KayGraph: an <see cref="ActivitySource"/> and a <see cref="Meter"/>, both named
/// <see cref="Name"/>. Spans: one per graph run (<c>kaygraph.graph</c>) and one per node run (<c>kaygraph.node</c>), tagged
/// with <c>kaygraph.node.id</c>, <c>kaygraph.action</c> and <c>kaygraph.attempt</c>. Instruments:
/// <c>kaygraph.node.runs</c>, <c>kaygraph.node.failures</c>, <c>kaygraph.node.cancellations</c>,
/// <c>kaygraph.node.retries</c> (counters) and <c>kaygraph.node.duration</c> (histogram, seconds). A cancelled run is
/// not a failure: its span keeps an unset status and carries <c>kaygraph.canceled = true</c>.
/// </summary>
public static class KayGraphTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>KayGraph</c>.</summary>
    public const string Name = "KayGraph";

    /// <summary>Tag: the id of the node or graph.</summary>
    public const string NodeIdTag = "kaygraph.node.id";

    /// <summary>Tag: the action a node returned.</summary>
    public const string ActionTag = "kaygraph.action";

    /// <summary>Tag: the number of attempts exec took.</summary>
    public const string AttemptTag = "kaygraph.attempt";

    /// <summary>Tag: <see langword="true"/> on the span of a node run that ended because the run was cancelled.</summary>
    public const string CanceledTag = "kaygraph.canceled";

    /// <summary>The activity source named <c>KayGraph</c>.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, typeof(KayGraphTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The meter named <c>KayGraph</c>.</summary>
    public static readonly Meter Meter = new(Name, typeof(KayGraphTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> NodeRuns = Meter.CreateCounter<long>("kaygraph.node.runs", "{run}", "Node runs that completed (including suppressed errors).");
    internal static readonly Counter<long> NodeFailures = Meter.CreateCounter<long>("kaygraph.node.failures", "{run}", "Node runs that ended with an error.");
    internal static readonly Counter<long> NodeCancellations = Meter.CreateCounter<long>("kaygraph.node.cancellations", "{run}", "Node runs that ended because the run was cancelled.");
    internal static readonly Counter<long> NodeRetries = Meter.CreateCounter<long>("kaygraph.node.retries", "{attempt}", "Failed exec attempts that were retried.");
    internal static readonly Histogram<double> NodeDuration = Meter.CreateHistogram<double>("kaygraph.node.duration", "s", "Duration of node runs.");
    internal static readonly Counter<long> GraphRuns = Meter.CreateCounter<long>("kaygraph.graph.runs", "{run}", "Graph runs that completed.");

    internal static long StartTimestamp() => NodeDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    internal static void RecordNode(string nodeId, long startTimestamp, NodeOutcome outcome)
    {
        var counter = outcome switch
        {
            NodeOutcome.Failed => NodeFailures,
            NodeOutcome.Canceled => NodeCancellations,
            _ => NodeRuns,
        };
        if (counter.Enabled)
        {
            counter.Add(1, new KeyValuePair<string, object?>(NodeIdTag, nodeId));
        }

        if (startTimestamp != 0 && NodeDuration.Enabled)
        {
            var seconds = (Stopwatch.GetTimestamp() - startTimestamp) / (double)Stopwatch.Frequency;
            NodeDuration.Record(seconds, new KeyValuePair<string, object?>(NodeIdTag, nodeId));
        }
    }

    internal static void RecordRetry(string nodeId)
    {
        if (NodeRetries.Enabled)
        {
            NodeRetries.Add(1, new KeyValuePair<string, object?>(NodeIdTag, nodeId));
        }
    }

    internal static Activity? StartNode(string nodeId)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = ActivitySource.StartActivity("kaygraph.node", ActivityKind.Internal);
        activity?.SetTag(NodeIdTag, nodeId);
        return activity;
    }

    /// <summary>Starts the span of a graph run (used by generated graphs and the dynamic <see cref="Graph{TShared}"/>).</summary>
    /// <param name="graphId">The id of the graph.</param>
    /// <returns>The span, or <see langword="null"/> when nobody listens.</returns>
    public static Activity? StartGraph(string graphId)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = ActivitySource.StartActivity("kaygraph.graph", ActivityKind.Internal);
        activity?.SetTag(NodeIdTag, graphId);
        return activity;
    }

    /// <summary>Ends the span of a graph run and counts it.</summary>
    /// <param name="activity">The span from <see cref="StartGraph"/>.</param>
    /// <param name="graphId">The id of the graph.</param>
    /// <param name="lastAction">The graph's last action.</param>
    /// <param name="error">The error that ended the run, if any.</param>
    public static void StopGraph(Activity? activity, string graphId, string? lastAction, Exception? error)
    {
        if (error is null && GraphRuns.Enabled)
        {
            GraphRuns.Add(1, new KeyValuePair<string, object?>(NodeIdTag, graphId));
        }

        if (activity is null)
        {
            return;
        }

        if (error is OperationCanceledException)
        {
            activity.SetTag(CanceledTag, true);
        }
        else if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
        }
        else
        {
            activity.SetTag(ActionTag, Actions.OrDefault(lastAction));
        }

        activity.Dispose();
    }
}

/// <summary>How a node run ended, for its counters.</summary>
internal enum NodeOutcome
{
    Completed,
    Failed,
    Canceled,
}

/// <summary>High-performance log messages of the runtime (no allocation when the level is disabled).</summary>
internal static class Log
{
    private static readonly Action<ILogger, string, string, string, Exception?> ActionNotFoundMessage =
        LoggerMessage.Define<string, string, string>(LogLevel.Warning, new EventId(1, "ActionNotFound"),
            "Graph ends: node '{NodeId}' returned action '{Action}', not found in [{Actions}]");

    private static readonly Action<ILogger, string, int, int, Exception?> RetryingMessage =
        LoggerMessage.Define<string, int, int>(LogLevel.Warning, new EventId(2, "Retrying"),
            "Node '{NodeId}' failed on attempt {Attempt} of {MaxRetries}; retrying");

    private static readonly Action<ILogger, string, int, int, Exception?> LastAttemptFailedMessage =
        LoggerMessage.Define<string, int, int>(LogLevel.Warning, new EventId(6, "LastAttemptFailed"),
            "Node '{NodeId}' failed on attempt {Attempt} of {MaxRetries}, its last; the error goes to its fallback");

    private static readonly Action<ILogger, string, int, int, Exception?> NotRetriedMessage =
        LoggerMessage.Define<string, int, int>(LogLevel.Warning, new EventId(7, "NotRetried"),
            "Node '{NodeId}' failed on attempt {Attempt} of {MaxRetries} with an error its retry filter does not retry; the error goes to its fallback");

    private static readonly Action<ILogger, string, Exception?> ErrorSuppressedMessage =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(3, "ErrorSuppressed"),
            "Node '{NodeId}' failed; its error hook suppressed the error and the node ends with the default action");

    private static readonly Action<ILogger, string, string, Exception?> SuccessorOverwrittenMessage =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(4, "SuccessorOverwritten"),
            "Overwriting successor of node '{NodeId}' for action '{Action}'");

    private static readonly Action<ILogger, string, Exception?> SuccessorsNotRunMessage =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(5, "SuccessorsNotRun"),
            "Node '{NodeId}' has successors that will not run: run it inside a graph");

    public static void ActionNotFound(ILogger logger, string nodeId, string action, IReadOnlyList<string> actions)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            ActionNotFoundMessage(logger, nodeId, action, string.Join(", ", actions), null);
        }
    }

    public static void Retrying(ILogger logger, string nodeId, int attempt, int maxRetries, Exception error) =>
        RetryingMessage(logger, nodeId, attempt, maxRetries, error);

    public static void LastAttemptFailed(ILogger logger, string nodeId, int attempt, int maxRetries, Exception error) =>
        LastAttemptFailedMessage(logger, nodeId, attempt, maxRetries, error);

    public static void NotRetried(ILogger logger, string nodeId, int attempt, int maxRetries, Exception error) =>
        NotRetriedMessage(logger, nodeId, attempt, maxRetries, error);

    public static void ErrorSuppressed(ILogger logger, string nodeId, Exception error) => ErrorSuppressedMessage(logger, nodeId, error);

    public static void SuccessorOverwritten(ILogger logger, string nodeId, string action) => SuccessorOverwrittenMessage(logger, nodeId, action, null);

    public static void SuccessorsNotRun(ILogger logger, string nodeId) => SuccessorsNotRunMessage(logger, nodeId, null);
}
