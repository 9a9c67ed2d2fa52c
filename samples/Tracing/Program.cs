// OpenTelemetry over KayGraph: one request to a loopback app runs a graph whose nodes call a second loopback app; the
// trace ties the incoming request, the graph, its nodes and the outgoing HTTP calls together under one trace id.
// Usage: dotnet run --project samples/Tracing [-- <city>] [--Otlp:Endpoint=http://localhost:4317]
// Exporter: the console by default; OTLP when OTEL_EXPORTER_OTLP_ENDPOINT (or Otlp:Endpoint) is set.
using OpenTelemetry.Trace;
using TracingSample;

var city = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "Lisbon";
var collector = new SpanCollector();
string forecast;
string exporter;
Uri address;
await using (var demo = await TracingDemo.StartAsync(new TracingDemoOptions
{
    Args = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray(),
    ConfigureTracing = tracing => tracing.AddProcessor(collector),
}))
{
    exporter = demo.Exporter;
    address = demo.BaseAddress;
    Console.WriteLine($"Forecast app on {demo.BaseAddress}, upstream on {demo.UpstreamAddress}, exporter: {demo.Exporter}");
    using var caller = TracingDemo.CreateCaller();
    forecast = await demo.GetForecastAsync(caller, city);
}   // stopping the app flushes the exporters (the console exporter has printed each span as it ended)

Console.WriteLine();
Console.WriteLine($"GET {address}forecast/{city} answered: {forecast}");
Console.WriteLine();
Console.WriteLine("The trace as a tree (every span the exporter got):");
foreach (var line in SpanCollector.Tree(collector.Spans))
{
    Console.WriteLine("  " + line);
}

Console.WriteLine();
Console.WriteLine(exporter.StartsWith("otlp", StringComparison.Ordinal)
    ? "Open your OTLP backend (Jaeger, Aspire dashboard, ...) to see the same trace."
    : "Set OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4317 to send it to an OTLP backend instead of the console.");
