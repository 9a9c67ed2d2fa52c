using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>
/// Traces and metrics through <see cref="ActivitySource"/> and <see cref="Meter"/> named <c>KayGraph</c>: a span per graph run and
/// per node with id, action and attempt tags; run, retry and failure counters and a duration histogram. Serial: the listeners
/// are process-wide.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class TelemetryTests
{
    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task GraphAndNodeSpansCarryIdActionAndAttempt(NodeKind kind)
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = Listen(stopped);
        var graphId = $"traced-{kind}";
        var flaky = FlakyNode(kind, "flaky", failures: 2, action: "go");
        var graph = Scripted.Graph(kind, flaky, graphId);
        _ = flaky - "go" >> Scripted.Step(kind, "last");

        await graph.RunAsync(new Journal());

        var graphSpan = Assert.Single(stopped, a => a.OperationName == "kaygraph.graph" && Tag(a, KayGraphTelemetry.NodeIdTag) == graphId);
        Assert.Equal("default", Tag(graphSpan, KayGraphTelemetry.ActionTag));
        var nodeSpans = stopped.Where(a => a.OperationName == "kaygraph.node" && a.ParentSpanId == graphSpan.SpanId).ToArray();
        Assert.Equal(["flaky", "last"], nodeSpans.Select(a => Tag(a, KayGraphTelemetry.NodeIdTag)));
        Assert.Equal("go", Tag(nodeSpans[0], KayGraphTelemetry.ActionTag));
        Assert.Equal(3, nodeSpans[0].GetTagItem(KayGraphTelemetry.AttemptTag));
        Assert.Equal("default", Tag(nodeSpans[1], KayGraphTelemetry.ActionTag));
        Assert.Equal(1, nodeSpans[1].GetTagItem(KayGraphTelemetry.AttemptTag));
        Assert.All(nodeSpans, span => Assert.Equal(ActivityStatusCode.Unset, span.Status));
        Assert.Equal(KayGraphTelemetry.Name, graphSpan.Source.Name);
    }

    [Fact]
    public async Task NestedGraphSpanIsAChildOfTheOuterGraphSpan()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = Listen(stopped);
        var inner = new AsyncGraph<Journal>(Scripted.Step(NodeKind.Async, "nested-leaf"), "nested-inner");
        var outer = new AsyncGraph<Journal>(inner, "nested-outer");

        await outer.RunAsync(new Journal());

        var outerSpan = Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "nested-outer");
        var innerSpan = Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "nested-inner");
        var leafSpan = Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "nested-leaf");
        Assert.Equal(outerSpan.SpanId, innerSpan.ParentSpanId);
        Assert.Equal(innerSpan.SpanId, leafSpan.ParentSpanId);
    }

    [Fact]
    public async Task FailedNodeAndGraphSpansHaveErrorStatus()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = Listen(stopped);
        var broken = Scripted.Node(NodeKind.Async, "traced-broken", new NodeScript<string, string>
        {
            Exec = (_, _) => throw new InvalidOperationException("exploded"),
        });
        var graph = new AsyncGraph<Journal>(broken, "traced-failing-graph");

        await Assert.ThrowsAsync<NodeExecutionException>(async () => await graph.RunAsync(new Journal()));

        var nodeSpan = Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "traced-broken");
        var graphSpan = Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "traced-failing-graph");
        Assert.Equal(ActivityStatusCode.Error, nodeSpan.Status);
        Assert.Equal("exploded", nodeSpan.StatusDescription);
        Assert.Equal(ActivityStatusCode.Error, graphSpan.Status);
    }

    [Fact]
    public async Task CancelledRunIsCountedAsACancellationNotAFailure()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var tracing = Listen(stopped);
        var measurements = new ConcurrentQueue<(string Instrument, string? NodeId)>();
        using var metering = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == KayGraphTelemetry.Name)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        metering.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, NodeIdOf(tags))));
        metering.Start();
        using var cancellation = new System.Threading.CancellationTokenSource();
        var node = Scripted.Node(NodeKind.Sync, "traced-cancelled", new NodeScript<string, string>
        {
            Exec = (_, _) =>
            {
                cancellation.Cancel();
                return "done";
            },
        });
        var graph = new AsyncGraph<Journal>(node, "traced-cancelled-graph");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await graph.RunAsync(new Journal(), cancellation.Token));

        var nodeSpan = Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "traced-cancelled");
        var graphSpan = Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "traced-cancelled-graph");
        Assert.All(new[] { nodeSpan, graphSpan }, span =>
        {
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.Equal(true, span.GetTagItem(KayGraphTelemetry.CanceledTag));
        });
        Assert.Single(measurements, m => m.Instrument == "kaygraph.node.cancellations" && m.NodeId == "traced-cancelled");
        Assert.DoesNotContain(measurements, m => m.Instrument == "kaygraph.node.failures" && m.NodeId == "traced-cancelled");
        Assert.DoesNotContain(measurements, m => m.Instrument == "kaygraph.node.runs" && m.NodeId == "traced-cancelled");
    }

    [Fact]
    public async Task NodeSpanEndsWithErrorStatusWhenTheErrorHookThrows()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = Listen(stopped);
        var node = Scripted.Node(NodeKind.Async, "traced-bad-hook", new NodeScript<string, string>
        {
            Exec = (_, _) => throw new InvalidOperationException("exec failed"),
            OnError = (_, _, _) => throw new InvalidOperationException("hook failed"),
        });
        var graph = new AsyncGraph<Journal>(node, "traced-bad-hook-graph");

        await Assert.ThrowsAsync<NodeExecutionException>(async () => await graph.RunAsync(new Journal()));

        var nodeSpan = Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "traced-bad-hook");
        Assert.Equal(ActivityStatusCode.Error, nodeSpan.Status);
        Assert.Equal("hook failed", nodeSpan.StatusDescription);
        Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "traced-bad-hook-graph");
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task CountersAndDurationHistogramAreRecordedPerNode(NodeKind kind)
    {
        var measurements = new ConcurrentQueue<(string Instrument, string? NodeId, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == KayGraphTelemetry.Name)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, NodeIdOf(tags), value)));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, NodeIdOf(tags), value)));
        listener.Start();
        var flakyId = $"metered-flaky-{kind}";
        var brokenId = $"metered-broken-{kind}";
        var graphId = $"metered-graph-{kind}";
        var flaky = FlakyNode(kind, flakyId, failures: 2, action: null);
        var graph = Scripted.Graph(kind, flaky, graphId);
        _ = flaky >> Scripted.Node(kind, brokenId, new NodeScript<string, string> { Exec = (_, _) => throw new InvalidOperationException("no") });

        for (var run = 0; run < 2; run++)
        {
            await Assert.ThrowsAsync<NodeExecutionException>(async () => await graph.RunAsync(new Journal()));
        }

        double Sum(string instrument, string id) => measurements.Where(m => m.Instrument == instrument && m.NodeId == id).Sum(m => m.Value);
        int Count(string instrument, string id) => measurements.Count(m => m.Instrument == instrument && m.NodeId == id);
        Assert.Equal(2, Sum("kaygraph.node.runs", flakyId));
        Assert.Equal(4, Sum("kaygraph.node.retries", flakyId));
        Assert.Equal(0, Count("kaygraph.node.failures", flakyId));
        Assert.Equal(2, Sum("kaygraph.node.failures", brokenId));
        Assert.Equal(0, Count("kaygraph.node.runs", brokenId));
        Assert.Equal(2, Count("kaygraph.node.duration", flakyId));
        Assert.Equal(2, Count("kaygraph.node.duration", brokenId));
        Assert.All(measurements.Where(m => m.Instrument == "kaygraph.node.duration"), m => Assert.True(m.Value >= 0));
        Assert.Equal(0, Count("kaygraph.graph.runs", graphId));
    }

    [Fact]
    public async Task CompletedGraphRunsAreCounted()
    {
        var runs = new ConcurrentQueue<string?>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == KayGraphTelemetry.Name && instrument.Name == "kaygraph.graph.runs")
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => runs.Enqueue(NodeIdOf(tags)));
        listener.Start();

        await new Graph<Journal>(Scripted.Step(NodeKind.Sync, "counted-node"), "counted-graph").RunAsync(new Journal());

        Assert.Equal(["counted-graph"], runs.Where(id => id == "counted-graph"));
    }

    [Fact]
    public async Task RunGraphAsyncTracesAGraphBodyLikeTheDynamicGraphs()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var tracing = Listen(stopped);
        var runs = new ConcurrentQueue<string?>();
        using var metering = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == KayGraphTelemetry.Name && instrument.Name == "kaygraph.graph.runs")
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        metering.SetMeasurementEventCallback<long>((_, _, tags, _) => runs.Enqueue(NodeIdOf(tags)));
        metering.Start();
        using var cancellation = new System.Threading.CancellationTokenSource();

        var completed = await GraphRuntime.RunGraphAsync(new BodyGraph(_ => "finished"), new Journal(), new NodeContext(), "body-completed");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await GraphRuntime.RunGraphAsync(new BodyGraph(_ => throw new InvalidOperationException("body failed")), new Journal(), new NodeContext(), "body-failed"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await GraphRuntime.RunGraphAsync(
                new BodyGraph(context =>
                {
                    cancellation.Cancel();
                    context.CancellationToken.ThrowIfCancellationRequested();
                    return "never";
                }),
                new Journal(),
                new NodeContext(null, null, cancellation.Token),
                "body-cancelled"));

        Assert.Equal("finished", completed);
        Assert.Equal("body failed", failure.Message);
        var completedSpan = Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "body-completed");
        Assert.Equal("kaygraph.graph", completedSpan.OperationName);
        Assert.Equal("finished", Tag(completedSpan, KayGraphTelemetry.ActionTag));
        Assert.Equal(ActivityStatusCode.Unset, completedSpan.Status);
        var failedSpan = Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "body-failed");
        Assert.Equal(ActivityStatusCode.Error, failedSpan.Status);
        Assert.Equal("body failed", failedSpan.StatusDescription);
        var cancelledSpan = Assert.Single(stopped, a => Tag(a, KayGraphTelemetry.NodeIdTag) == "body-cancelled");
        Assert.Equal(ActivityStatusCode.Unset, cancelledSpan.Status);
        Assert.Equal(true, cancelledSpan.GetTagItem(KayGraphTelemetry.CanceledTag));
        Assert.Equal(["body-completed"], runs.Where(id => id is not null && id.StartsWith("body-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunGraphAsyncRejectsANullContextInsideTheReturnedTask()
    {
        var pending = GraphRuntime.RunGraphAsync(new BodyGraph(_ => "never"), new Journal(), null!, "body-null-context");

        var error = await Assert.ThrowsAsync<ArgumentNullException>(async () => await pending);
        Assert.Equal("context", error.ParamName);
    }

    private static ActivityListener Listen(ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KayGraphTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static NodeBase<Journal> FlakyNode(NodeKind kind, string id, int failures, string? action) =>
        Scripted.Node(kind, id, new NodeScript<string, string>
        {
            Exec = (_, context) => context.Attempt < failures ? throw new InvalidOperationException("flaky") : "ok",
            Post = (_, _, _, _) => action,
        }, maxRetries: failures + 1);

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name) as string;

    private static string? NodeIdOf(ReadOnlySpan<System.Collections.Generic.KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == KayGraphTelemetry.NodeIdTag)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    /// <summary>A graph shaped like a generated one: it implements <see cref="IGraphBody{TShared}"/> explicitly.</summary>
    private sealed class BodyGraph(Func<NodeContext, string?> body) : IGraphBody<Journal>
    {
        ValueTask<string?> IGraphBody<Journal>.RunBodyAsync(Journal shared, NodeContext context) => new(body(context));
    }
}
