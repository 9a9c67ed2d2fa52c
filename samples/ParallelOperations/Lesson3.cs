using System.Globalization;
using KayGraph;
using Spectre.Console;

namespace ParallelOperations;

/// <summary>How big the lesson's batches are: the defaults, or smaller ones for a quick run (<c>--quick</c>, tests).</summary>
/// <param name="Items">Products per batch.</param>
/// <param name="DelayMilliseconds">How long one fetch takes.</param>
/// <param name="Plain">Plain progress lines instead of a live bar, even on a terminal.</param>
public sealed record LessonSettings(int Items, int DelayMilliseconds, bool Plain)
{
    public static LessonSettings Default { get; } = new(20, 100, false);

    public static LessonSettings Quick { get; } = new(10, 30, false);
}

/// <summary>Lesson 3 — parallel operations: batch vs parallel batch vs limited parallel batch, progress, failures.</summary>
internal static class Lesson3
{
    public static async Task RunAsync(LessonSettings settings, CancellationToken cancellationToken)
    {
        Output.Title("Lesson 3 — Parallel operations");
        await SideBySideAsync(settings, cancellationToken);
        await RateLimitedAsync(settings, cancellationToken);
        await ProgressAsync(settings, cancellationToken);
        await FailingItemAsync(settings, cancellationToken);
    }

    private static Job[] Jobs(int count, int delayMilliseconds) =>
        Enumerable.Range(1, count).Select(id => new Job(id, delayMilliseconds)).ToArray();

    private static async Task SideBySideAsync(LessonSettings settings, CancellationToken cancellationToken)
    {
        Output.Section($"1. The same {settings.Items} fetches ({settings.DelayMilliseconds} ms each) as three kinds of batch node");

        var rows = new List<(string Kind, TimeSpan Time, int Peak, int Products, bool InOrder)>();
        foreach (var (kind, run) in new (string, Func<Catalog, Gauge, Task>)[]
        {
            ("[BatchNode]", (c, g) => new OneByOne(new FetchOneByOne(g)).RunAsync(c, cancellationToken).AsTask()),
            ("[ParallelBatchNode]", (c, g) => new AllAtOnce(new FetchAllAtOnce(g)).RunAsync(c, cancellationToken).AsTask()),
            ("[ParallelBatchNode(MaxConcurrency = 5)]", (c, g) => new FiveAtATime(new FetchFiveAtATime(g)).RunAsync(c, cancellationToken).AsTask()),
        })
        {
            var catalog = new Catalog { Jobs = Jobs(settings.Items, settings.DelayMilliseconds) };
            var gauge = new Gauge();
            var time = await Output.TimeAsync(() => run(catalog, gauge));
            rows.Add((kind, time, gauge.Peak, catalog.Products.Count, catalog.Products.Select(p => p.Id).SequenceEqual(catalog.Jobs.Select(j => j.Id))));
        }

        Console.WriteLine($"  {"node",-40} {"time",8} {"at once",8} {"results",8} {"in order",9}");
        foreach (var row in rows)
        {
            Console.WriteLine($"  {row.Kind,-40} {Output.Seconds(row.Time),8} {row.Peak,8} {row.Products,8} {(row.InOrder ? "yes" : "no"),9}");
        }

        Output.Line("parallel vs one by one", $"{rows[0].Time.TotalSeconds / rows[1].Time.TotalSeconds:0.0} × faster");
        Output.Line("limited (5) vs one by one", $"{rows[0].Time.TotalSeconds / rows[2].Time.TotalSeconds:0.0} × faster");
        Output.Step("items of the parallel kinds finish in any order; post still receives the results in input order");
    }

    private static async Task RateLimitedAsync(LessonSettings settings, CancellationToken cancellationToken)
    {
        Output.Section("2. Rate-limited: the tutorial's semaphore of 5 vs MaxConcurrency = 5");

        var bySemaphore = new Catalog { Jobs = Jobs(settings.Items, settings.DelayMilliseconds) };
        var semaphoreGauge = new Gauge();
        var semaphoreTime = await Output.TimeAsync(() => new WithSemaphore(new FetchWithSemaphore(semaphoreGauge)).RunAsync(bySemaphore, cancellationToken).AsTask());

        var byLimit = new Catalog { Jobs = Jobs(settings.Items, settings.DelayMilliseconds) };
        var limitGauge = new Gauge();
        var limitTime = await Output.TimeAsync(() => new FiveAtATime(new FetchFiveAtATime(limitGauge)).RunAsync(byLimit, cancellationToken).AsTask());

        Output.Line("SemaphoreSlim(5) + Task.WhenAll", $"{Output.Seconds(semaphoreTime)}, at most {semaphoreGauge.Peak} at once, {bySemaphore.Products.Count} results");
        Output.Line("[ParallelBatchNode(MaxConcurrency = 5)]", $"{Output.Seconds(limitTime)}, at most {limitGauge.Peak} at once, {byLimit.Products.Count} results");
        Output.Step("the same limit; the batch node also gives each item its own retries, fallback and progress events");
    }

    private static async Task ProgressAsync(LessonSettings settings, CancellationToken cancellationToken)
    {
        var count = settings.Items * 2;
        Output.Section($"3. Watching a parallel batch: {count} downloads, 8 at a time, progress from run events");

        // Different lengths, so the items finish out of order; BatchProgress counts them as they finish.
        var jobs = Enumerable.Range(1, count).Select(id => new Job(id, settings.DelayMilliseconds * (1 + (id * 7 % 4)))).ToArray();
        var catalog = new Catalog { Jobs = jobs };
        var gauge = new Gauge();
        var graph = new Downloads(new DownloadImages(gauge));
        var live = !settings.Plain && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        BatchProgress? last = null;
        if (live)
        {
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var bar = progress.AddTask("DownloadImages", maxValue: count);
                    await foreach (var e in graph.RunStreamingAsync(catalog, cancellationToken))
                    {
                        if (e is BatchProgress p)
                        {
                            bar.MaxValue = p.Total;
                            bar.Value = p.Done;
                            last = p;
                        }
                    }
                });
        }
        else
        {
            // Redirected output (a file, a pipe, a test) gets plain lines: one per event that matters, progress in tenths.
            var shown = -1;
            await foreach (var e in graph.RunStreamingAsync(catalog, cancellationToken))
            {
                switch (e)
                {
                    case NodeStarted s:
                        Output.Step($"{s.NodePath} started");
                        break;
                    case BatchProgress p:
                        last = p;
                        var tenth = p.Done * 10 / p.Total;
                        if (tenth != shown)
                        {
                            shown = tenth;
                            Output.Step($"progress {p.Done,3}/{p.Total} [{new string('#', tenth * 2),-20}] {p.Done * 100 / p.Total,3}%");
                        }

                        break;
                    case NodeCompleted c:
                        Output.Step($"{c.NodePath} completed in {c.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
                        break;
                }
            }
        }

        Output.Line("items done", $"{last?.Done}/{last?.Total}");
        Output.Line("most downloads at once", gauge.Peak.ToString(CultureInfo.InvariantCulture));
        Output.Line("results in input order", catalog.Products.Select(p => p.Id).SequenceEqual(jobs.Select(j => j.Id)) ? "yes" : "no");
    }

    private static async Task FailingItemAsync(LessonSettings settings, CancellationToken cancellationToken)
    {
        Output.Section("4. An item that fails");
        var broken = new HashSet<int> { 7 };

        // With a fallback: the item's attempts fail, the fallback answers for it, the batch goes on.
        var withFallback = new Catalog { Jobs = Jobs(settings.Items, settings.DelayMilliseconds) };
        await foreach (var e in new PriceRun(new CheckPrices(broken)).RunStreamingAsync(withFallback, cancellationToken))
        {
            if (e is NodeRetrying r)
            {
                Output.Step($"{r.NodePath}: attempt {r.Attempt} failed ({r.Message}); again in {r.Delay.TotalMilliseconds:0} ms");
            }
        }

        var failed = withFallback.Prices.Where(p => p.Failed).ToList();
        Output.Line("with ExecFallback: results", $"{withFallback.Prices.Count} ({withFallback.Prices.Count - failed.Count} priced, {failed.Count} failed)");
        foreach (var item in failed)
        {
            Output.Line($"  product {item.Id}", item.Error!);
        }

        // Without one: the first failing item ends the batch; items already running finish, no new one starts, post does
        // not run, and the error leaves the graph naming the node.
        var strict = new Catalog { Jobs = Jobs(settings.Items, settings.DelayMilliseconds) };
        BatchProgress? last = null;
        GraphFailed? graphFailed = null;
        try
        {
            await foreach (var e in new StrictPriceRun(new CheckPricesStrictly(broken)).RunStreamingAsync(strict, cancellationToken))
            {
                switch (e)
                {
                    case BatchProgress p:
                        last = p;
                        break;
                    case GraphFailed f:
                        graphFailed = f;
                        break;
                }
            }

            Output.Line("without a fallback", "completed (unexpected)");
        }
        catch (NodeExecutionException error)
        {
            Output.Line("without a fallback: error", $"{nameof(NodeExecutionException)} from node '{error.NodeId}', phase {error.Phase}, attempt {error.Attempt} of {error.MaxRetries}");
            Output.Line("  inner exception", $"{error.InnerException?.GetType().Name}: {error.InnerException?.Message}");
            Output.Line("  event GraphFailed", graphFailed is null ? "(none)" : $"{graphFailed.GraphPath}: {graphFailed.ErrorType}");
            Output.Line("  items done before it stopped", $"{last?.Done ?? 0} of {settings.Items}");
            Output.Line("  results in the store", strict.Prices.Count.ToString(CultureInfo.InvariantCulture));
        }
    }
}
