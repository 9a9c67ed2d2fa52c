using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using KayGraph;

namespace Crawler;

/// <summary>A URL to fetch, with its distance from the start.</summary>
public sealed record CrawlTarget(Uri Url, int Depth);

/// <summary>What fetching one URL gave: its status, its links, how many attempts it took, or why it failed.</summary>
public sealed record PageResult(Uri Url, int Depth, int? Status, string? Title, IReadOnlyList<Uri> Links, int Attempts, TimeSpan Elapsed, string? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>A host's robots.txt rules and how they were found.</summary>
public sealed record RobotsResult(RobotsRules Rules, string Status);

/// <summary>The shared store of a crawl.</summary>
public sealed class CrawlState
{
    public required Uri Start { get; init; }

    public int MaxDepth { get; init; } = 3;

    public int MaxPages { get; init; } = 50;

    public RobotsRules Robots { get; set; } = RobotsRules.AllowAll;

    public string RobotsStatus { get; set; } = "";

    /// <summary>The level being crawled and its URLs.</summary>
    public int Depth { get; set; }

    public List<CrawlTarget> Frontier { get; set; } = [];

    /// <summary>Every URL met so far (queued, fetched, skipped), normalized.</summary>
    public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

    public List<PageResult> Pages { get; } = [];

    public List<Uri> Disallowed { get; } = [];

    public List<Uri> OtherHosts { get; } = [];

    public List<Uri> BeyondDepth { get; } = [];

    public List<Uri> BeyondPageLimit { get; } = [];

    /// <summary>Marks <paramref name="url"/> seen; false when it was already.</summary>
    public bool See(Uri url) => Seen.Add(url.GetLeftPart(UriPartial.Query));
}

/// <summary>Reads robots.txt of the start's host and queues the start URL (unless robots.txt disallows it).</summary>
[Node(MaxRetries = 3, WaitMilliseconds = 100, Backoff = Backoff.Exponential)]
[RetryOn<HttpRequestException>]
[Next<CrawlLevel>("crawl")]
[End]
public partial class LoadRobots(HttpClient http)
{
    private Uri Prep(CrawlState state) => new(state.Start, "/robots.txt");

    private async Task<RobotsResult> ExecAsync(Uri robots, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(robots, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Forbidden)
        {
            return new(RobotsRules.AllowAll, $"{(int)response.StatusCode}: everything allowed");
        }

        if ((int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"{robots} answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        var rules = RobotsRules.Parse(await response.Content.ReadAsStringAsync(cancellationToken), CrawlerInfo.Agent);
        var disallowed = string.Join(", ", rules.Disallowed);
        return new(rules, disallowed.Length == 0 ? "everything allowed" : "disallows " + disallowed);
    }

    private RobotsResult ExecFallback(Uri robots, Exception error) => new(RobotsRules.AllowAll, $"unreadable ({error.Message}): everything allowed");

    private Action Post(CrawlState state, Uri robots, RobotsResult result)
    {
        state.Robots = result.Rules;
        state.RobotsStatus = result.Status;
        state.See(state.Start);
        if (!state.Robots.IsAllowed(state.Start))
        {
            state.Disallowed.Add(state.Start);
            return Action.Default;
        }

        state.Frontier = [new CrawlTarget(state.Start, 0)];
        return Action.Crawl;
    }
}

/// <summary>
/// One depth level of the breadth-first crawl: every URL of the level at once (at most four in flight), each with its own
/// attempts: a 5xx or a network error is retried after 200 ms, then 400 ms (exponential backoff); after the third failure
/// the fallback records the page as failed and the level goes on. Post queues the next level and loops back to itself.
/// </summary>
[ParallelBatchNode(MaxConcurrency = 4, MaxRetries = 3, WaitMilliseconds = 200, Backoff = Backoff.Exponential, MaxWaitMilliseconds = 2_000)]
[RetryOn<HttpRequestException>]
[Next<CrawlLevel>("next_level")]
[Next<Summarize>("done")]
public partial class CrawlLevel(HttpClient http, Politeness politeness)
{
    private IEnumerable<CrawlTarget> Prep(CrawlState state) => state.Frontier;

    private async Task<PageResult> ExecAsync(CrawlTarget target, NodeContext context, CancellationToken cancellationToken)
    {
        await politeness.WaitTurnAsync(target.Url, cancellationToken);
        using var inFlight = politeness.Track();
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(target.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // Transient: thrown, so the node's retry policy ([RetryOn<HttpRequestException>]) tries again.
            throw new HttpRequestException($"{target.Url.PathAndQuery} answered {status}", null, response.StatusCode);
        }

        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            // Permanent (404, ...) or not a page: a result, not an error; nothing to retry, no links.
            return new PageResult(target.Url, target.Depth, status, null, [], context.Attempt + 1, watch.Elapsed, null);
        }

        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        return new PageResult(target.Url, target.Depth, status, Html.Title(html), Html.Links(html, target.Url), context.Attempt + 1, watch.Elapsed, null);
    }

    private PageResult ExecFallback(CrawlTarget target, Exception error, NodeContext context) =>
        new(target.Url, target.Depth, (int?)(error as HttpRequestException)?.StatusCode, null, [], context.Attempt + 1, TimeSpan.Zero, error.Message);

    private Action Post(CrawlState state, IReadOnlyList<CrawlTarget> targets, IReadOnlyList<PageResult> pages)
    {
        state.Pages.AddRange(pages);
        var next = new List<CrawlTarget>();
        foreach (var link in pages.SelectMany(p => p.Links))
        {
            if (!state.See(link))
            {
                continue;
            }

            if (!string.Equals(link.Authority, state.Start.Authority, StringComparison.OrdinalIgnoreCase))
            {
                state.OtherHosts.Add(link);
            }
            else if (!state.Robots.IsAllowed(link))
            {
                state.Disallowed.Add(link);
            }
            else if (state.Depth + 1 > state.MaxDepth)
            {
                state.BeyondDepth.Add(link);
            }
            else if (state.Pages.Count + next.Count >= state.MaxPages)
            {
                state.BeyondPageLimit.Add(link);
            }
            else
            {
                next.Add(new CrawlTarget(link, state.Depth + 1));
            }
        }

        state.Frontier = next;
        if (next.Count == 0)
        {
            return Action.Done;
        }

        state.Depth++;
        return Action.NextLevel;
    }
}

/// <summary>Orders the pages for the report: by depth, then by URL.</summary>
[Node]
public partial class Summarize
{
    private List<PageResult> Prep(CrawlState state) => state.Pages;

    private List<PageResult> Exec(List<PageResult> pages) =>
        [.. pages.OrderBy(p => p.Depth).ThenBy(p => p.Url.PathAndQuery, StringComparer.Ordinal)];

    private void Post(CrawlState state, List<PageResult> pages, List<PageResult> ordered)
    {
        state.Pages.Clear();
        state.Pages.AddRange(ordered);
    }
}

/// <summary>Robots.txt, then one level after another until no new URL is left, then the summary.</summary>
[Graph(typeof(LoadRobots))]
public partial class CrawlGraph;

/// <summary>The crawler's name, as robots.txt and the sites see it.</summary>
public static class CrawlerInfo
{
    public const string Agent = "KayGraphCrawler";
}

/// <summary>Just enough HTML reading for the demo: the title and the <c>href</c>s of anchors.</summary>
public static partial class Html
{
    public static string? Title(string html)
    {
        var match = TitlePattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value.Trim()) : null;
    }

    public static IReadOnlyList<Uri> Links(string html, Uri page)
    {
        var links = new List<Uri>();
        foreach (Match match in HrefPattern().Matches(html))
        {
            if (Uri.TryCreate(page, WebUtility.HtmlDecode(match.Groups[1].Value), out var link) && link.Scheme is "http" or "https")
            {
                links.Add(new Uri(link.GetLeftPart(UriPartial.Query)));   // without the #fragment
            }
        }

        return links;
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitlePattern();

    [GeneratedRegex("<a\\s[^>]*href\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HrefPattern();
}
