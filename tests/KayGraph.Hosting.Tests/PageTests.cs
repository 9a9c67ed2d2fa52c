using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.Playwright;

namespace KayGraph.Hosting.Tests;

/// <summary>
/// The WebApi sample's page in a real browser (Debian's Chromium driven by Playwright) against the app as a real process
/// on loopback: the graph is drawn, a run starts, the highlight moves from the draft to the waiting review, Approve sends
/// the answer and the run completes. Screenshots of each stage go to artifacts/screenshots.
/// </summary>
public sealed class PageTests : IDisposable
{
    private static readonly string Screenshots = System.IO.Path.Combine(
        typeof(PageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!, "artifacts", "screenshots");

    private readonly TempDatabase _file = new();

    private string Database => _file.Path;

    public void Dispose() => _file.Dispose();

    [ChromiumFact]
    public async Task The_page_draws_the_graph_follows_a_run_live_and_approving_completes_it()
    {
        var chromium = Chromium.Path ?? throw new InvalidOperationException("Chromium is not installed: apt-get install -y chromium (CI=true runs this test without skipping).");
        Directory.CreateDirectory(Screenshots);
        await using var app = await WebApiProcess.StartAsync(Database, paragraphDelayMilliseconds: 700);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(app.Address.ToString());
        await page.WaitForSelectorAsync("#chart[data-ready=true]");
        var nodes = await page.EvalOnSelectorAllAsync<string[]>("#chart [data-kg-node]", "all => all.map(e => e.dataset.kgNode).sort()");
        Assert.Equal(["Draft", "Publish", "Review", "Revise"], nodes);

        await page.FillAsync("#topic", "live pages");
        await page.ClickAsync("#start");
        await page.WaitForSelectorAsync("#chart [data-kg-node=Draft].kg-current");
        await page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(Screenshots, "1-drafting.png") });
        var runId = await page.TextContentAsync("#run-id");
        Assert.False(string.IsNullOrEmpty(runId));

        await page.WaitForSelectorAsync("#chart [data-kg-node=Review].kg-waiting", new() { Timeout = 15_000 });
        await page.WaitForSelectorAsync("#approve", new() { State = WaitForSelectorState.Visible });
        Assert.True(await page.IsVisibleAsync("#chart [data-kg-node=Draft].kg-visited"));
        Assert.False(await page.IsVisibleAsync("#chart [data-kg-node=Draft].kg-current")); // the highlight moved on
        Assert.Equal("suspended", await page.TextContentAsync("#status"));
        Assert.Contains("revision 1 of \"live pages\"", await page.TextContentAsync("#request"));
        await page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(Screenshots, "2-waiting.png") });

        await page.FillAsync("#note", "looks good");
        await page.ClickAsync("#approve");
        await page.WaitForFunctionAsync("document.getElementById('status').textContent === 'completed'", null, new() { Timeout = 15_000 });
        await page.WaitForSelectorAsync("#chart [data-kg-node=Publish].kg-visited");
        Assert.StartsWith("# live pages", await page.TextContentAsync("#published"));
        Assert.Equal(0, await page.Locator("#chart .kg-current, #chart .kg-waiting").CountAsync());
        await page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(Screenshots, "3-completed.png") });

        using var response = await app.Client.GetAsync($"/reviews/{runId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("completed", state.RootElement.GetProperty("status").GetString());
        Assert.Equal(["r1: looks good"], state.RootElement.GetProperty("shared").GetProperty("notes").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(errors);
    }
}
