// A breadth-first crawler on KayGraph: robots.txt, then one parallel batch per depth level, retries with exponential
// backoff, a per-host politeness delay, Ctrl+C to stop, and a summary table.
// Usage: dotnet run --project samples/Crawler [-- <url>] [--max-depth N] [--max-pages N] [--politeness MS] [--slow MS]
// Without a URL it starts a demo site on 127.0.0.1 (Kestrel, a free port) and crawls that.
using System.Globalization;
using System.Net;
using Crawler;
using KayGraph;

const string Usage = "Usage: Crawler [<url>] [--max-depth N] [--max-pages N] [--politeness MS] [--slow MS]";
Uri? target = null;
int? maxDepth = null, maxPages = null;
var politenessMs = 50;
var slowMs = 500;
for (var i = 0; i < args.Length; i++)
{
    int Number() => i + 1 < args.Length && int.TryParse(args[++i], CultureInfo.InvariantCulture, out var n) && n >= 0
        ? n
        : throw new ArgumentException($"'{args[i - 1]}' needs a number.");

    try
    {
        switch (args[i])
        {
            case "--max-depth": maxDepth = Number(); break;
            case "--max-pages": maxPages = Number(); break;
            case "--politeness": politenessMs = Number(); break;
            case "--slow": slowMs = Number(); break;
            case var url when target is null && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https":
                target = parsed;
                break;
            default:
                throw new ArgumentException($"Unknown argument '{args[i]}'.");
        }
    }
    catch (ArgumentException error)
    {
        Console.Error.WriteLine(error.Message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;   // let the crawl stop cleanly and print what it has
    Console.WriteLine("Ctrl+C: stopping the crawl ...");
    cancellation.Cancel();
};

await using var site = target is null ? await DemoSite.StartAsync(slowMs, cancellation.Token) : null;
var start = target ?? site!.BaseAddress;
using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
{
    Timeout = TimeSpan.FromSeconds(15),
};
http.DefaultRequestHeaders.UserAgent.ParseAdd($"{CrawlerInfo.Agent}/0.1 (KayGraph sample)");

var state = new CrawlState
{
    Start = start,
    MaxDepth = maxDepth ?? (site is null ? 2 : 3),
    MaxPages = maxPages ?? (site is null ? 30 : 50),
};
var politeness = new Politeness(TimeSpan.FromMilliseconds(politenessMs), TimeProvider.System);
var graph = new CrawlGraph(new LoadRobots(http), new CrawlLevel(http, politeness), new Summarize());

Console.WriteLine($"Crawling {start} {(site is null ? "" : "(the demo site, served by this process) ")}breadth-first, depth ≤ {state.MaxDepth}, ≤ {state.MaxPages} pages, 4 at a time, {politenessMs} ms between requests to a host");
var depth = -1;
var watch = System.Diagnostics.Stopwatch.StartNew();
var exitCode = 0;
try
{
    BatchProgress? progress = null;
    await foreach (var e in graph.RunStreamingAsync(state, cancellation.Token))
    {
        switch (e)
        {
            case NodeCompleted { NodePath: "LoadRobots" }:
                Console.WriteLine($"  robots.txt: {state.RobotsStatus}");
                break;
            case NodeStarted { NodePath: "CrawlLevel" }:
                depth++;
                progress = null;
                Console.WriteLine($"  depth {depth}: crawling ...");
                break;
            case BatchProgress p:
                progress = p;
                break;
            case NodeRetrying r:
                Console.WriteLine($"    retry: {r.Message} (attempt {r.Attempt}); again in {r.Delay.TotalMilliseconds:0} ms");
                break;
            case NodeCompleted { NodePath: "CrawlLevel" } c:
                Console.WriteLine($"  depth {depth}: {progress?.Done}/{progress?.Total} URLs in {c.Duration.TotalMilliseconds:0} ms");
                break;
        }
    }
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.WriteLine($"Cancelled during depth {depth}; the summary shows the levels that finished.");
    exitCode = 130;
}

watch.Stop();
PrintSummary(state, site, politeness, watch.Elapsed);
return exitCode;

static void PrintSummary(CrawlState state, DemoSite? site, Politeness politeness, TimeSpan elapsed)
{
    Console.WriteLine();
    Console.WriteLine("Summary");
    Console.WriteLine("-------");
    Console.WriteLine($"  {"depth",5}  {"status",6}  {"tries",5}  {"links",5}  {"ms",5}  {"url",-28}  title / error");
    foreach (var page in state.Pages)
    {
        var status = page.Status?.ToString(CultureInfo.InvariantCulture) ?? "-";
        var ms = page.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        Console.WriteLine($"  {page.Depth,5}  {status,6}  {page.Attempts,5}  {page.Links.Count,5}  {ms,5}  {page.Url.PathAndQuery,-28}  {page.Error ?? page.Title ?? ""}");
    }

    Console.WriteLine();
    var ok = state.Pages.Count(p => p.Status is >= 200 and < 300);
    var failed = state.Pages.Count(p => p.Failed);
    Console.WriteLine($"  {"URLs fetched",-28} {state.Pages.Count} ({ok} ok, {failed} failed, {state.Pages.Count - ok - failed} other status)");
    Console.WriteLine($"  {"retried",-28} {state.Pages.Count(p => p.Attempts > 1)} URLs, {state.Pages.Sum(p => p.Attempts - 1)} retries");
    Console.WriteLine($"  {"skipped by robots.txt",-28} {state.Disallowed.Count} {List(state.Disallowed, state.Start)}");
    Console.WriteLine($"  {"other hosts (not followed)",-28} {state.OtherHosts.Count} {List(state.OtherHosts, state.Start)}");
    Console.WriteLine($"  {"beyond max depth",-28} {state.BeyondDepth.Count}");
    Console.WriteLine($"  {"beyond max pages",-28} {state.BeyondPageLimit.Count}");
    Console.WriteLine($"  {"politeness waits",-28} {politeness.Waits}");
    Console.WriteLine($"  {"most requests at once",-28} {politeness.PeakInFlight} (MaxConcurrency = 4)");
    Console.WriteLine($"  {"time",-28} {elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
    if (site is not null)
    {
        var privateHits = site.Hits.Where(h => h.Key.StartsWith("/private/", StringComparison.Ordinal)).Sum(h => h.Value);
        Console.WriteLine($"  {"the site served",-28} {site.TotalHits} requests (robots.txt {site.Hits.GetValueOrDefault("/robots.txt")}, /private/ {privateHits})");
    }

    static string List(List<Uri> urls, Uri start) => urls.Count == 0 ? "" : "(" + string.Join(", ", urls.Select(u => u.Authority == start.Authority ? u.PathAndQuery : u.ToString())) + ")";
}
