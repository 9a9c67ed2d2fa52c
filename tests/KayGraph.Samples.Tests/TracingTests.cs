using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TracingSample;

namespace KayGraph.Samples.Tests;

/// <summary>samples/Tracing: its wiring with the OpenTelemetry in-memory exporter, and the sample run as a process.</summary>
[Collection(InProcessRuns.Name)]
public sealed class TracingTests
{
    [Fact]
    public async Task One_request_is_one_trace_from_the_server_span_through_graph_and_nodes_to_the_http_calls()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        string json;
        Uri upstream;
        await using (var demo = await TracingDemo.StartAsync(new TracingDemoOptions
        {
            Exporter = "none",
            ConfigureTracing = tracing => tracing.AddInMemoryExporter(spans),
            ConfigureMetrics = meters => meters.AddInMemoryExporter(metrics),
        }))
        {
            Assert.Equal("none", demo.Exporter);
            upstream = demo.UpstreamAddress;
            using var caller = TracingDemo.CreateCaller();
            json = await demo.GetForecastAsync(caller, "Porto");
        }   // disposing flushes the providers

        var forecast = JsonSerializer.Deserialize<Forecast>(json, JsonSerializerOptions.Web)!;
        Assert.Equal("Porto", forecast.City);
        Assert.Equal(FetchForecasts.Providers, forecast.Providers.Select(p => p.Provider));
        Assert.Equal(Math.Round(forecast.Providers.Average(p => p.TemperatureC), 1), forecast.TemperatureC);

        // One trace id on every span; the incoming request is its root (the caller sent no traceparent).
        var dump = string.Join("\n", spans.Select(s => $"{s.TraceId} {s.SpanId} <- {s.ParentSpanId} {s.Kind} {s.DisplayName}"));
        Assert.True(spans.Select(s => s.TraceId).Distinct().Count() == 1, dump);
        var root = spans.SingleOrDefault(s => s.ParentSpanId == default);
        Assert.True(root is not null, dump);
        Assert.Equal((ActivityKind.Server, "GET /forecast/{city}"), (root.Kind, root.DisplayName));

        var graph = Assert.Single(ChildrenOf(spans, root));
        Assert.Equal(("KayGraph", "kaygraph.graph", "ForecastGraph"), (graph.Source.Name, graph.OperationName, graph.GetTagItem(KayGraphTelemetry.NodeIdTag)));

        var nodes = ChildrenOf(spans, graph);
        Assert.All(nodes, n => Assert.Equal(("KayGraph", "kaygraph.node"), (n.Source.Name, n.OperationName)));
        Assert.Equal(new[] { "Geocode", "FetchForecasts", "Combine" }, nodes.Select(n => n.GetTagItem(KayGraphTelemetry.NodeIdTag)));

        // Outgoing calls: one under Geocode, one per provider under the parallel batch, none under the sync Combine; each
        // reached the upstream app, whose server span is the client span's child.
        var calls = nodes.ToDictionary(n => (string)n.GetTagItem(KayGraphTelemetry.NodeIdTag)!, n => ChildrenOf(spans, n));
        Assert.Single(calls["Geocode"]);
        Assert.Equal(3, calls["FetchForecasts"].Count);
        Assert.Empty(calls["Combine"]);
        foreach (var (node, route) in new[] { ("Geocode", "GET /geo/{city}"), ("FetchForecasts", "GET /weather/{provider}") })
        {
            foreach (var client in calls[node])
            {
                Assert.Equal(ActivityKind.Client, client.Kind);
                Assert.StartsWith(upstream.ToString(), (string)client.GetTagItem("url.full")!, StringComparison.Ordinal);
                Assert.Equal(200, Convert.ToInt32(client.GetTagItem("http.response.status_code"), System.Globalization.CultureInfo.InvariantCulture));
                var server = Assert.Single(ChildrenOf(spans, client));
                Assert.Equal((ActivityKind.Server, route), (server.Kind, server.DisplayName));
            }
        }

        Assert.Equal(1 + 1 + 3 + 4 + 4, spans.Count);   // nothing else: the caller's own request is not in the trace

        // KayGraph's meter went through the same pipeline.
        Assert.Equal(3, Sum(metrics, "kaygraph.node.runs"));
        Assert.Equal(1, Sum(metrics, "kaygraph.graph.runs"));
    }

    [Fact]
    public async Task The_sample_prints_the_spans_on_the_console_and_the_trace_as_a_tree()
    {
        var run = await SampleProcess.RunAsync("Tracing", ["Lisbon"], TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.ToString());

        Assert.EndsWith("exporter: console", run.Line("Forecast app on http://127.0.0.1:"), StringComparison.Ordinal);
        Assert.Equal(3, run.Lines.Count(l => l == "Activity.DisplayName:        kaygraph.node"));   // the console exporter's span dumps
        Assert.Contains("\"city\":\"Lisbon\"", run.Line("GET http://127.0.0.1:"), StringComparison.Ordinal);
        Assert.Contains("Metric Name: kaygraph.node.runs", run.Output, StringComparison.Ordinal);

        var tree = run.Lines.SkipWhile(l => l != "The trace as a tree (every span the exporter got):").Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Single(tree, l => l.StartsWith("trace ", StringComparison.Ordinal));
        Assert.StartsWith("GET /forecast/{city} (server", tree[1], StringComparison.Ordinal);
        Assert.StartsWith("kaygraph.graph [ForecastGraph] (internal", tree[2], StringComparison.Ordinal);
        Assert.Equal(3, tree.Count(l => l.StartsWith("kaygraph.node [", StringComparison.Ordinal)));
        Assert.Equal(4, tree.Count(l => l.StartsWith("GET (client", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_spans_go_there()
    {
        var received = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.AddOrUpdate(signal, body.Length, (_, n) => n + body.Length);
            return Results.Ok();
        });
        await collector.StartAsync();
        var endpoint = collector.Urls.Single().TrimEnd('/');

        var run = await SampleProcess.RunAsync("Tracing", [], TimeSpan.FromSeconds(60), environment: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        Assert.True(run.ExitCode == 0, run.ToString());

        Assert.EndsWith($"exporter: otlp ({endpoint})", run.Line("Forecast app on"), StringComparison.Ordinal);
        Assert.DoesNotContain("Activity.DisplayName:", run.Output, StringComparison.Ordinal);   // no console exporter
        Assert.True(received.GetValueOrDefault("traces") > 0, $"no spans reached the collector\n{run}");
        Assert.True(received.GetValueOrDefault("metrics") > 0, $"no metrics reached the collector\n{run}");
    }

    private static List<Activity> ChildrenOf(List<Activity> spans, Activity parent) =>
        spans.Where(s => s.ParentSpanId == parent.SpanId).OrderBy(s => s.StartTimeUtc).ToList();

    private static long Sum(List<Metric> metrics, string name)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                sum += point.GetSumLong();
            }
        }

        return sum;
    }
}
