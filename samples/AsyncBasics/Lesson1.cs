using System.Collections.Concurrent;
using KayGraph;

namespace AsyncBasics;

/// <summary>Lesson 1 — basic async: blocking vs awaiting, concurrent fetches into one store, retries with a fallback.</summary>
internal static class Lesson1
{
    public const int DelayMilliseconds = 1000;

    public static async Task RunAsync()
    {
        Output.Title("Lesson 1 — Basic async");
        await BlockingVersusAwaitingAsync();
        await ConcurrentFetchesAsync();
        await RetriesAndFallbackAsync();
    }

    private static async Task BlockingVersusAwaitingAsync()
    {
        Output.Section("1. Three sync nodes that sleep vs three async nodes that await");
        var sleeping = new SleepState();
        var blocking = Enumerable.Range(0, 3).Select(_ => new BlockingSleepGraph()).ToArray();

        // Both variants are started the same way, "all at once". The sync node blocks the calling thread inside
        // RunAsync, so the three runs happen one after another.
        var syncTime = await Output.TimeAsync(() => Task.WhenAll(blocking.Select(g => g.RunAsync(sleeping).AsTask())));

        var awaiting = Enumerable.Range(0, 3).Select(_ => new AwaitingSleepGraph()).ToArray();
        var asyncTime = await Output.TimeAsync(() => Task.WhenAll(awaiting.Select(g => g.RunAsync(sleeping).AsTask())));

        Output.Line("3 × sync  (Thread.Sleep 1 s)", Output.Seconds(syncTime));
        Output.Line("3 × async (Task.Delay 1 s)", Output.Seconds(asyncTime));
        Output.Line("speed-up", $"{syncTime.TotalSeconds / asyncTime.TotalSeconds:0.0} ×");
        Output.Line("nodes completed", $"{sleeping.Completed}");
    }

    private static async Task ConcurrentFetchesAsync()
    {
        Output.Section("2. Concurrent fetch nodes writing one shared store");
        var store = new FetchState();
        string[] urls = ["https://api.example.com/users", "https://api.example.com/orders", "https://api.example.com/stock"];
        var graphs = urls.Select(url => new WebFetchGraph(new WebFetch(url))).ToArray();

        var elapsed = await Output.TimeAsync(() => Task.WhenAll(graphs.Select(g => g.RunAsync(store).AsTask())));

        foreach (var entry in store.Events)
        {
            Output.Step(entry);
        }

        foreach (var page in store.Pages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Output.Line(page.Key, page.Value);
        }

        Output.Line("3 fetches of 1 s each took", Output.Seconds(elapsed));
    }

    private static async Task RetriesAndFallbackAsync()
    {
        Output.Section("3. A flaky service: MaxRetries = 3, then an async fallback");

        // Fixed seeds keep the output reproducible: seed 0 succeeds at once, seed 3 recovers on its second attempt,
        // and seed 1 fails all three attempts, so the fallback answers.
        foreach (var seed in new[] { 0, 3, 1 })
        {
            var store = new FlakyState { Endpoint = "https://flaky.example.com/quote" };
            var node = new FlakyService(seed);
            await new FlakyGraph(node).RunAsync(store);
            Output.Line($"seed {seed}: result", store.Result ?? "(none)");
            Output.Line($"seed {seed}: attempts", node.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>The store of part 1.</summary>
public sealed class SleepState
{
    private int _completed;

    public int Completed => _completed;

    public void Complete() => Interlocked.Increment(ref _completed);
}

/// <summary>A sync node that blocks its thread for one second.</summary>
[Node]
public partial class BlockingSleep
{
    private void Exec()
    {
#pragma warning disable KG1006 // Deliberate: this lesson measures what a blocking sleep costs. Real nodes await Task.Delay.
        Thread.Sleep(Lesson1.DelayMilliseconds);
#pragma warning restore KG1006
    }

    private void Post(SleepState shared) => shared.Complete();
}

/// <summary>An async node that waits one second without blocking a thread.</summary>
[Node]
public partial class AwaitingSleep
{
    private async Task ExecAsync(CancellationToken cancellationToken) =>
        await Task.Delay(Lesson1.DelayMilliseconds, cancellationToken);

    private void Post(SleepState shared) => shared.Complete();
}

[Graph(typeof(BlockingSleep))]
public partial class BlockingSleepGraph;

[Graph(typeof(AwaitingSleep))]
public partial class AwaitingSleepGraph;

/// <summary>The store of part 2, written by several nodes at once.</summary>
public sealed class FetchState
{
    public ConcurrentDictionary<string, string> Pages { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Events { get; } = new();
}

/// <summary>A "web fetch" with async prep, exec and post.</summary>
[Node]
public partial class WebFetch(string url)
{
    private async Task<string> PrepAsync(FetchState shared, CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken);
        shared.Events.Enqueue($"prep  {url}");
        return url;
    }

    private async Task<string> ExecAsync(string target, CancellationToken cancellationToken)
    {
        await Task.Delay(Lesson1.DelayMilliseconds, cancellationToken);
        return $"{target.Length * 37} bytes of JSON";
    }

    private async Task PostAsync(FetchState shared, string target, string page, CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken);
        shared.Pages[target] = page;
        shared.Events.Enqueue($"post  {target}");
    }
}

[Graph(typeof(WebFetch))]
public partial class WebFetchGraph;

/// <summary>The store of part 3.</summary>
public sealed class FlakyState
{
    public string Endpoint { get; init; } = "";

    public string? Result { get; set; }

    public List<string> Events { get; } = [];
}

/// <summary>A service that fails half the time; three attempts, then a cached answer.</summary>
[Node(MaxRetries = 3, WaitMilliseconds = 100)]
public partial class FlakyService(int seed)
{
    private readonly Random _random = new(seed);
    private int _attempts;

    public int Attempts => _attempts;

    private string Prep(FlakyState shared) => shared.Endpoint;

    private async Task<string> ExecAsync(string endpoint, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        await Task.Delay(50, cancellationToken);
        if (_random.NextDouble() < 0.5)
        {
            throw new HttpRequestException($"attempt {attempt}: {endpoint} answered 503");
        }

        return $"fresh quote (attempt {attempt})";
    }

    private async Task<string> ExecFallbackAsync(string endpoint, Exception error, CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken);
        return $"cached quote (fallback after: {error.Message})";
    }

    private void Post(FlakyState shared, string endpoint, string quote)
    {
        shared.Events.Add($"{endpoint} → {quote}");
        shared.Result = quote;
    }
}

[Graph(typeof(FlakyService))]
public partial class FlakyGraph;
