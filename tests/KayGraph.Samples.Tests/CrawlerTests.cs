using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KayGraph.Samples.Tests;

/// <summary>samples/Crawler against real HTTP on loopback: its own demo site, a site this test serves, and Ctrl+C.</summary>
[Collection(InProcessRuns.Name)]
public sealed class CrawlerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Crawls_the_demo_site_breadth_first_with_retries_robots_and_a_summary()
    {
        var run = await SampleProcess.RunAsync("Crawler", ["--politeness", "10", "--slow", "150"], Timeout);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("(the demo site, served by this process)", run.Line("Crawling http://127.0.0.1:"), StringComparison.Ordinal);
        Assert.Equal("robots.txt: disallows /private/", run.Line("robots.txt:"));

        var pages = SummaryRows(run);
        Assert.Equal(new[] { 0, 1, 2, 3 }, pages.Select(p => p.Depth).Distinct().Order());
        Assert.Equal(pages.Select(p => p.Depth).Order(), pages.Select(p => p.Depth));   // level by level
        Assert.Equal(pages.Count, pages.Select(p => p.Url).Distinct().Count());         // each URL once
        for (var depth = 0; depth <= 3; depth++)
        {
            var count = pages.Count(p => p.Depth == depth);
            Assert.Single(run.Lines, l => l.StartsWith($"depth {depth}: {count}/{count} URLs in ", StringComparison.Ordinal));
        }

        Assert.Equal((0, 200, 1), Of(pages, "/"));
        Assert.Equal((1, 200, 2), Of(pages, "/flaky"));          // 500 once, then fine: one retry
        Assert.Equal((2, 200, 1), Of(pages, "/flaky/ok"));
        Assert.Equal((1, 500, 3), Of(pages, "/broken"));         // 500 always: three attempts, then the fallback
        Assert.Equal("/broken answered 500", pages.Single(p => p.Url == "/broken").Note);
        Assert.Equal((1, 404, 1), Of(pages, "/missing"));        // permanent: not retried
        Assert.Equal((3, 200, 1), Of(pages, "/docs/1/details"));
        Assert.DoesNotContain(pages, p => p.Url.StartsWith("/private/", StringComparison.Ordinal));
        Assert.DoesNotContain(pages, p => p.Url.Contains("/details/more", StringComparison.Ordinal));   // depth 4

        // The waits grow: 200 ms, then 400 ms (exponential backoff).
        Assert.Contains("retry: /flaky answered 500 (attempt 1); again in 200 ms", run.Lines);
        Assert.Contains("retry: /broken answered 500 (attempt 1); again in 200 ms", run.Lines);
        Assert.Contains("retry: /broken answered 500 (attempt 2); again in 400 ms", run.Lines);

        var ok = pages.Count(p => p.Status is >= 200 and < 300);
        Assert.Equal($"URLs fetched                 {pages.Count} ({ok} ok, 1 failed, 1 other status)", run.Line("URLs fetched"));
        Assert.Equal("retried                      2 URLs, 3 retries", run.Line("retried"));
        Assert.Equal("skipped by robots.txt        2 (/private/admin, /private/drafts)", run.Line("skipped by robots.txt"));
        Assert.Equal("other hosts (not followed)   1 (https://example.org/elsewhere)", run.Line("other hosts"));
        Assert.Equal("beyond max depth             3", run.Line("beyond max depth"));
        var atOnce = int.Parse(run.Line("most requests at once").Split(' ', StringSplitOptions.RemoveEmptyEntries)[4], CultureInfo.InvariantCulture);
        Assert.InRange(atOnce, 2, 4);   // the slow pages overlap the others; never more than MaxConcurrency

        // What the site itself counted: robots.txt once, every page attempt, nothing under /private/.
        var attempts = pages.Sum(p => p.Tries);
        Assert.Equal($"the site served              {1 + attempts} requests (robots.txt 1, /private/ 0)", run.Line("the site served"));
    }

    [Fact]
    public async Task Max_depth_stops_the_levels()
    {
        var run = await SampleProcess.RunAsync("Crawler", ["--max-depth", "1", "--politeness", "0", "--slow", "0"], Timeout);
        Assert.True(run.ExitCode == 0, run.ToString());

        var pages = SummaryRows(run);
        Assert.Equal(new[] { 0, 1 }, pages.Select(p => p.Depth).Distinct().Order());
        var beyond = int.Parse(run.Line("beyond max depth").Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
        Assert.True(beyond > 0, run.ToString());
    }

    [Fact]
    public async Task A_url_argument_crawls_that_site_and_honours_its_robots_txt()
    {
        var hits = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Use(async (context, next) =>
        {
            hits.AddOrUpdate(context.Request.Path.Value!, 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapGet("/robots.txt", () => "User-agent: KayGraphCrawler\nDisallow: /secret\n\nUser-agent: *\nDisallow: /\n");
        app.MapGet("/start", () => Html("<a href=\"/a\">a</a> <a href=\"b\">b</a> <a href=\"/secret/x\">s</a>"));
        app.MapGet("/a", () => Html("<a href=\"/start\">back</a> <a href=\"/b#part\">b</a>"));
        app.MapGet("/b", () => Html("<title>B</title>leaf"));
        app.MapGet("/secret/x", () => Html("no"));
        await app.StartAsync();
        var root = app.Urls.Single().TrimEnd('/');

        var run = await SampleProcess.RunAsync("Crawler", [root + "/start", "--politeness", "0"], Timeout);
        Assert.True(run.ExitCode == 0, run.ToString());

        Assert.Equal($"Crawling {root}/start breadth-first, depth ≤ 2, ≤ 30 pages, 4 at a time, 0 ms between requests to a host", run.Line("Crawling"));
        Assert.Equal("robots.txt: disallows /secret", run.Line("robots.txt:"));   // its own group, not the one for *
        var pages = SummaryRows(run);
        Assert.Equal(new[] { "/start", "/a", "/b" }, pages.Select(p => p.Url));
        Assert.Equal("B", pages.Single(p => p.Url == "/b").Note);
        Assert.Equal("skipped by robots.txt        1 (/secret/x)", run.Line("skipped by robots.txt"));
        Assert.DoesNotContain(run.Lines, l => l.StartsWith("the site served", StringComparison.Ordinal));
        Assert.Equal(1, hits["/start"]);
        Assert.Equal(1, hits["/b"]);
        Assert.False(hits.ContainsKey("/secret/x"));
    }

    [Fact]
    public async Task Ctrl_C_stops_the_crawl_and_prints_the_levels_done()
    {
        using var crawler = SampleProcess.Start("Crawler", ["--slow", "30000", "--politeness", "0"]);
        await crawler.WaitForLineAsync(l => l == "depth 1: crawling ...", Timeout);
        await Task.Delay(500);   // the slow pages' requests are in flight
        crawler.Interrupt();

        var run = await crawler.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("Ctrl+C: stopping the crawl ...", run.Lines);
        Assert.Contains("Cancelled during depth 1; the summary shows the levels that finished.", run.Lines);
        Assert.Equal(new[] { "/" }, SummaryRows(run).Select(p => p.Url));
    }

    private static (int Depth, int? Status, int Tries) Of(IReadOnlyList<Row> pages, string url)
    {
        var page = pages.Single(p => p.Url == url);
        return (page.Depth, page.Status, page.Tries);
    }

    private static IResult Html(string body) => Results.Content($"<html><body>{body}</body></html>", "text/html");

    /// <summary>The rows of the summary table: depth, status, tries, links, ms, url, title or error.</summary>
    private static List<Row> SummaryRows(SampleRun run)
    {
        var lines = run.Output.Split('\n');
        var header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("depth  status", StringComparison.Ordinal));
        Assert.True(header >= 0, run.ToString());
        var rows = new List<Row>();
        foreach (var line in lines.Skip(header + 1).TakeWhile(l => l.Trim().Length > 0))
        {
            var cells = line.Split(' ', 7, StringSplitOptions.RemoveEmptyEntries);
            rows.Add(new Row(
                int.Parse(cells[0], CultureInfo.InvariantCulture),
                cells[1] == "-" ? null : int.Parse(cells[1], CultureInfo.InvariantCulture),
                int.Parse(cells[2], CultureInfo.InvariantCulture),
                cells[5],
                cells.Length > 6 ? cells[6].Trim() : ""));
        }

        return rows;
    }

    private sealed record Row(int Depth, int? Status, int Tries, string Url, string Note);
}
