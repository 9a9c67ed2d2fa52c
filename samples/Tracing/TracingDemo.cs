using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using KayGraph;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TracingSample;

/// <summary>How <see cref="TracingDemo.StartAsync"/> exports telemetry, and what a caller (a test) adds to it.</summary>
public sealed class TracingDemoOptions
{
    /// <summary>Command-line arguments, read as configuration (<c>--Otlp:Endpoint=http://localhost:4317</c>).</summary>
    public string[] Args { get; init; } = [];

    /// <summary>
    /// <c>auto</c> (the default): OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>Otlp:Endpoint</c> is configured, else the
    /// console exporter. <c>console</c>, <c>otlp</c>, or <c>none</c> choose one explicitly.
    /// </summary>
    public string Exporter { get; init; } = "auto";

    /// <summary>Added to the tracer provider after the sources, instrumentation and exporter (a test's in-memory exporter).</summary>
    public Action<TracerProviderBuilder>? ConfigureTracing { get; init; }

    /// <summary>Added to the meter provider after the meters, instrumentation and exporter.</summary>
    public Action<MeterProviderBuilder>? ConfigureMetrics { get; init; }
}

/// <summary>
/// The sample's two loopback apps and their OpenTelemetry wiring. The <em>forecast app</em> (Kestrel on 127.0.0.1, a free
/// port) serves <c>GET /forecast/{city}</c> by running <see cref="ForecastGraph"/>, whose nodes call the <em>upstream
/// app</em> (a second Kestrel on another port) with an <see cref="HttpClient"/>. One tracer provider, registered with
/// <c>AddOpenTelemetry()</c> in the forecast app, listens to KayGraph's <see cref="ActivitySource"/> (named
/// <see cref="KayGraphTelemetry.Name"/>), to ASP.NET Core and to HttpClient, so a request gives one trace:
/// server span → <c>kaygraph.graph</c> → <c>kaygraph.node</c> → HTTP client spans → the upstream's server spans.
/// </summary>
public sealed class TracingDemo : IAsyncDisposable
{
    /// <summary>The service name on every span and metric (resource attribute <c>service.name</c>).</summary>
    public const string ServiceName = "kaygraph-tracing-sample";

    private readonly WebApplication _app;
    private readonly WebApplication _upstream;

    private TracingDemo(WebApplication app, WebApplication upstream, Uri address, Uri upstreamAddress, string exporter)
    {
        _app = app;
        _upstream = upstream;
        BaseAddress = address;
        UpstreamAddress = upstreamAddress;
        Exporter = exporter;
    }

    /// <summary>The forecast app, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The upstream app that the nodes call.</summary>
    public Uri UpstreamAddress { get; }

    /// <summary>The exporter in use: <c>console</c>, <c>otlp (endpoint)</c> or <c>none</c>.</summary>
    public string Exporter { get; }

    /// <summary>Starts the upstream app, then the forecast app with OpenTelemetry.</summary>
    public static async Task<TracingDemo> StartAsync(TracingDemoOptions options, CancellationToken cancellationToken = default)
    {
        // Kestrel's accept loops inherit the execution context of this call, and with it the caller's current activity (a
        // test framework's, for example), which would become the implicit parent of every request. The apps start their
        // own traces: the change stays inside this async method.
        Activity.Current = null;
        var upstream = BuildUpstream();
        await upstream.StartAsync(cancellationToken);
        var upstreamAddress = AddressOf(upstream);

        var builder = WebApplication.CreateSlimBuilder(options.Args);
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var exporter = AddTelemetry(builder.Services, builder.Configuration, options);
        builder.Services.AddHttpClient("upstream", client => client.BaseAddress = upstreamAddress);

        var app = builder.Build();
        app.MapGet("/forecast/{city}", async (string city, IHttpClientFactory clients, CancellationToken requestAborted) =>
        {
            var http = clients.CreateClient("upstream");
            var request = new ForecastRequest { City = city };
            await new ForecastGraph(new Geocode(http), new FetchForecasts(http), new Combine()).RunAsync(request, requestAborted);
            return Results.Ok(request.Result);
        });
        await app.StartAsync(cancellationToken);
        return new TracingDemo(app, upstream, AddressOf(app), upstreamAddress, exporter);
    }

    /// <summary>
    /// The OpenTelemetry wiring, the part to copy: KayGraph's source and meter, ASP.NET Core and HttpClient instrumentation,
    /// and an exporter. Returns which exporter it chose.
    /// </summary>
    public static string AddTelemetry(IServiceCollection services, IConfiguration configuration, TracingDemoOptions options)
    {
        var endpoint = configuration["Otlp:Endpoint"];
        var otlpConfigured = !string.IsNullOrWhiteSpace(endpoint) || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var exporter = options.Exporter switch
        {
            "auto" => otlpConfigured ? "otlp" : "console",
            "console" or "otlp" or "none" => options.Exporter,
            _ => throw new ArgumentException($"Unknown exporter '{options.Exporter}' (auto, console, otlp, none).", nameof(options)),
        };

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(KayGraphTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                AddExporter(tracing, exporter, endpoint);
                options.ConfigureTracing?.Invoke(tracing);
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(KayGraphTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (exporter == "console")
                {
                    metrics.AddConsoleExporter();
                }
                else if (exporter == "otlp")
                {
                    metrics.AddOtlpExporter(otlp => SetEndpoint(otlp, endpoint));
                }

                options.ConfigureMetrics?.Invoke(metrics);
            });
        return exporter == "otlp" ? $"otlp ({endpoint ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]})" : exporter;
    }

    /// <summary>
    /// An <see cref="HttpClient"/> for calling the forecast app from outside the trace: its handler propagates no
    /// <c>traceparent</c>, and <see cref="GetForecastAsync"/> suppresses the HttpClient instrumentation for its call, so
    /// the forecast app's server span is the trace's root.
    /// </summary>
    public static HttpClient CreateCaller() =>
        new(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() });

    /// <summary>Calls <c>GET /forecast/{city}</c> with a <see cref="CreateCaller"/> client and returns the JSON it answered.</summary>
    public async Task<string> GetForecastAsync(HttpClient caller, string city, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, "forecast/" + Uri.EscapeDataString(city)));
        using var response = await SendOutsideTheTraceAsync(caller, request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static async Task<HttpResponseMessage> SendOutsideTheTraceAsync(HttpClient caller, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Instrumentation is suppressed for this call only: no client span, no traceparent from OpenTelemetry's HttpClient
        // instrumentation. The forecast app's server span starts the trace.
        using var suppressed = SuppressInstrumentationScope.Begin();
        return await caller.SendAsync(request, cancellationToken);
    }

    /// <summary>Stops both apps; stopping the forecast app disposes the providers, which flushes the exporters.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _upstream.StopAsync();
        await _upstream.DisposeAsync();
    }

    private static void AddExporter(TracerProviderBuilder tracing, string exporter, string? endpoint)
    {
        switch (exporter)
        {
            case "console":
                tracing.AddConsoleExporter();
                break;
            case "otlp":
                tracing.AddOtlpExporter(otlp => SetEndpoint(otlp, endpoint));
                break;
        }
    }

    private static void SetEndpoint(OpenTelemetry.Exporter.OtlpExporterOptions otlp, string? endpoint)
    {
        // OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL, _HEADERS) are read by the exporter itself; a config value wins.
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            otlp.Endpoint = new Uri(endpoint);
        }
    }

    private static WebApplication BuildUpstream()
    {
        // The "remote" services the nodes call. No OpenTelemetry of its own: the tracer provider of the forecast app listens
        // to ASP.NET Core process-wide, so these requests appear in the trace as children of the client calls.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var upstream = builder.Build();
        upstream.MapGet("/geo/{city}", (string city) =>
        {
            var hash = city.Aggregate(17, (h, c) => unchecked((h * 31) + char.ToLowerInvariant(c)));
            return Results.Ok(new Place(city, Math.Round((hash % 9000) / 100.0, 2), Math.Round((hash / 9000 % 18000) / 100.0, 2)));
        });
        upstream.MapGet("/weather/{provider}", async (string provider, double lat, double lon, CancellationToken requestAborted) =>
        {
            await Task.Delay(20 + (provider.Length * 5), requestAborted);
            return Results.Ok(new ProviderForecast(provider, Math.Round(15 + (lat % 10) - (provider.Length % 3), 1)));
        });
        return upstream;
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/') + "/");
}

/// <summary>Collects ended spans so that the sample can draw the trace as a tree (an OpenTelemetry SDK processor).</summary>
public sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _spans = new();

    public IReadOnlyCollection<Activity> Spans => _spans;

    public override void OnEnd(Activity data) => _spans.Enqueue(data);

    /// <summary>The spans of one trace as an indented tree, children in start order.</summary>
    public static IEnumerable<string> Tree(IEnumerable<Activity> spans)
    {
        var all = spans.ToList();
        var ids = all.Select(s => s.SpanId).ToHashSet();
        var roots = all.Where(s => s.ParentSpanId == default || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.StartTimeUtc);
        foreach (var root in roots)
        {
            yield return $"trace {root.TraceId}";
            foreach (var line in Lines(root, all, 1))
            {
                yield return line;
            }
        }

        static IEnumerable<string> Lines(Activity span, List<Activity> all, int depth)
        {
            var node = span.GetTagItem(KayGraphTelemetry.NodeIdTag) is string id ? $" [{id}]" : "";
            var ms = span.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            yield return $"{new string(' ', depth * 2)}{span.DisplayName}{node} ({span.Kind.ToString().ToLowerInvariant()}, {ms} ms, span {span.SpanId})";
            foreach (var child in all.Where(s => s.ParentSpanId == span.SpanId).OrderBy(s => s.StartTimeUtc))
            {
                foreach (var line in Lines(child, all, depth + 1))
                {
                    yield return line;
                }
            }
        }
    }
}
