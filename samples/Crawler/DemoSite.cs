using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crawler;

/// <summary>
/// The site the crawler crawls by default: Kestrel on 127.0.0.1, a free port, generated HTML pages with links. Some pages
/// are slow, <c>/flaky</c> fails with 500 once, <c>/broken</c> always does, <c>/missing</c> is a 404, and robots.txt
/// disallows <c>/private/</c>. It counts the requests it serves, so the crawl can be checked against it.
/// </summary>
public sealed class DemoSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);

    private DemoSite(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The site's root, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Requests served, per path.</summary>
    public IReadOnlyDictionary<string, int> Hits => _hits;

    /// <summary>All requests served.</summary>
    public int TotalHits => _hits.Values.Sum();

    /// <summary>Starts the site; <paramref name="slowMilliseconds"/> is how long the slow pages take.</summary>
    public static async Task<DemoSite> StartAsync(int slowMilliseconds, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var site = new DemoSite(app);
        var flakyCalls = 0;

        app.Use(async (context, next) =>
        {
            site._hits.AddOrUpdate(context.Request.Path.Value ?? "/", 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapGet("/robots.txt", () => "# The demo site's rules\nUser-agent: *\nDisallow: /private/\n");
        app.MapGet("/", () => Page("Home", "/docs/", "/blog/", "/shop/", "/slow/1", "/slow/2", "/flaky", "/broken", "/missing",
            "/private/admin", "https://example.org/elsewhere", "/#top"));
        app.MapGet("/docs/", () => Page("Docs", "/docs/1", "/docs/2", "/docs/3", "/"));
        app.MapGet("/docs/{n:int}", (int n) => Page($"Doc {n}", $"/docs/{n}/details", "/docs/"));
        app.MapGet("/docs/{n:int}/details", (int n) => Page($"Doc {n} details", $"/docs/{n}/details/more", $"/docs/{n}"));
        app.MapGet("/docs/{n:int}/details/more", (int n) => Page($"Doc {n}, even more"));
        app.MapGet("/blog/", () => Page("Blog", "/blog/2026/hello", "/blog/2026/world", "/private/drafts"));
        app.MapGet("/blog/2026/{slug}", (string slug) => Page($"Post {slug}", "/blog/"));
        app.MapGet("/shop/", () => Page("Shop", "/shop/item/1", "/shop/item/2", "/shop/item/3", "/shop/item/4"));
        app.MapGet("/shop/item/{n:int}", (int n) => Page($"Item {n}", "/shop/"));
        app.MapGet("/slow/{n:int}", async (int n, HttpContext context) =>
        {
            await Task.Delay(slowMilliseconds, context.RequestAborted);
            return Page($"Slow page {n}", "/docs/1");
        });
        app.MapGet("/flaky", () => Interlocked.Increment(ref flakyCalls) == 1
            ? Results.Text("temporarily unavailable", statusCode: StatusCodes.Status500InternalServerError)
            : Page("Flaky, but fine now", "/flaky/ok"));
        app.MapGet("/flaky/ok", () => Page("Recovered"));
        app.MapGet("/broken", () => Results.Text("always broken", statusCode: StatusCodes.Status500InternalServerError));
        app.MapGet("/private/{**rest}", () => Page("You should not be here"));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        site.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult Page(string title, params string[] links)
    {
        var html = new StringBuilder($"<!doctype html><html><head><title>{WebUtility.HtmlEncode(title)}</title></head><body><h1>{WebUtility.HtmlEncode(title)}</h1><ul>");
        foreach (var link in links)
        {
            html.Append($"<li><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></li>");
        }

        return Results.Content(html.Append("</ul></body></html>").ToString(), "text/html; charset=utf-8");
    }
}
