using KayGraph;

namespace ParallelOperations;

/// <summary>A batch node: exec runs once per product, one after another.</summary>
[BatchNode]
public partial class FetchOneByOne(Gauge gauge)
{
    private IEnumerable<Job> Prep(Catalog shared) => shared.Jobs;

    private Task<Product> ExecAsync(Job job, CancellationToken cancellationToken) => Shop.FetchAsync(job, gauge, cancellationToken);

    private void Post(Catalog shared, IReadOnlyList<Job> jobs, IReadOnlyList<Product> products) => shared.Products = products;
}

/// <summary>A parallel batch node without a limit: every product at once.</summary>
[ParallelBatchNode]
public partial class FetchAllAtOnce(Gauge gauge)
{
    private IEnumerable<Job> Prep(Catalog shared) => shared.Jobs;

    private Task<Product> ExecAsync(Job job, CancellationToken cancellationToken) => Shop.FetchAsync(job, gauge, cancellationToken);

    private void Post(Catalog shared, IReadOnlyList<Job> jobs, IReadOnlyList<Product> products) => shared.Products = products;
}

/// <summary>
/// A limited parallel batch node: at most five products at once. This is the tutorial's "rate-limited operations" pattern
/// (a semaphore of 5 around each call) without the semaphore.
/// </summary>
[ParallelBatchNode(MaxConcurrency = 5)]
public partial class FetchFiveAtATime(Gauge gauge)
{
    private IEnumerable<Job> Prep(Catalog shared) => shared.Jobs;

    private Task<Product> ExecAsync(Job job, CancellationToken cancellationToken) => Shop.FetchAsync(job, gauge, cancellationToken);

    private void Post(Catalog shared, IReadOnlyList<Job> jobs, IReadOnlyList<Product> products) => shared.Products = products;
}

/// <summary>The tutorial's pattern as written there: one exec, a semaphore of 5, and Task.WhenAll over every item.</summary>
[Node]
public partial class FetchWithSemaphore(Gauge gauge)
{
    private IReadOnlyList<Job> Prep(Catalog shared) => shared.Jobs;

    private async Task<Product[]> ExecAsync(IReadOnlyList<Job> jobs, CancellationToken cancellationToken)
    {
        using var semaphore = new SemaphoreSlim(5);
        return await Task.WhenAll(jobs.Select(LimitedAsync));

        async Task<Product> LimitedAsync(Job job)
        {
            await semaphore.WaitAsync(cancellationToken);
            try
            {
                return await Shop.FetchAsync(job, gauge, cancellationToken);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }

    private void Post(Catalog shared, IReadOnlyList<Job> jobs, Product[] products) => shared.Products = products;
}

/// <summary>The node behind the progress bar: eight downloads at a time, of different lengths.</summary>
[ParallelBatchNode(MaxConcurrency = 8)]
public partial class DownloadImages(Gauge gauge)
{
    private IEnumerable<Job> Prep(Catalog shared) => shared.Jobs;

    private Task<Product> ExecAsync(Job job, CancellationToken cancellationToken) => Shop.FetchAsync(job, gauge, cancellationToken);

    private void Post(Catalog shared, IReadOnlyList<Job> jobs, IReadOnlyList<Product> products) => shared.Products = products;
}

/// <summary>
/// Price checks, five at a time, two attempts each. A product whose attempts all fail gets the fallback's result, a
/// <see cref="PriceCheck"/> that carries the error, so one broken item does not sink the batch: post sees every item.
/// </summary>
[ParallelBatchNode(MaxConcurrency = 5, MaxRetries = 2, WaitMilliseconds = 50)]
[RetryOn<HttpRequestException>]
public partial class CheckPrices(IReadOnlySet<int> broken)
{
    private IEnumerable<Job> Prep(Catalog shared) => shared.Jobs;

    private async Task<PriceCheck> ExecAsync(Job job, NodeContext context, CancellationToken cancellationToken) =>
        new(job.Id, await Shop.PriceAsync(job, broken, context.Attempt + 1, cancellationToken), null);

    private PriceCheck ExecFallback(Job job, Exception error) => new(job.Id, null, error.Message);

    private void Post(Catalog shared, IReadOnlyList<Job> jobs, IReadOnlyList<PriceCheck> prices) => shared.Prices = prices;
}

/// <summary>The same price checks without a fallback: the first item that fails ends the batch, and the graph, with its error.</summary>
[ParallelBatchNode(MaxConcurrency = 5)]
public partial class CheckPricesStrictly(IReadOnlySet<int> broken)
{
    private IEnumerable<Job> Prep(Catalog shared) => shared.Jobs;

    private async Task<PriceCheck> ExecAsync(Job job, NodeContext context, CancellationToken cancellationToken) =>
        new(job.Id, await Shop.PriceAsync(job, broken, context.Attempt + 1, cancellationToken), null);

    private void Post(Catalog shared, IReadOnlyList<Job> jobs, IReadOnlyList<PriceCheck> prices) => shared.Prices = prices;
}

[Graph(typeof(FetchOneByOne))]
public partial class OneByOne;

[Graph(typeof(FetchAllAtOnce))]
public partial class AllAtOnce;

[Graph(typeof(FetchFiveAtATime))]
public partial class FiveAtATime;

[Graph(typeof(FetchWithSemaphore))]
public partial class WithSemaphore;

[Graph(typeof(DownloadImages))]
public partial class Downloads;

[Graph(typeof(CheckPrices))]
public partial class PriceRun;

[Graph(typeof(CheckPricesStrictly))]
public partial class StrictPriceRun;
