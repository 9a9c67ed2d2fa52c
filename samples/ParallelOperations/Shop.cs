using System.Globalization;

namespace ParallelOperations;

/// <summary>One unit of work: fetch product <paramref name="Id"/>, which takes <paramref name="DelayMilliseconds"/>.</summary>
public sealed record Job(int Id, int DelayMilliseconds);

/// <summary>What fetching a product returns.</summary>
public sealed record Product(int Id, string Name);

/// <summary>A price check of one product: its price, or why it failed.</summary>
public sealed record PriceCheck(int Id, decimal? Price, string? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>The shared store of the lesson.</summary>
public sealed class Catalog
{
    public IReadOnlyList<Job> Jobs { get; init; } = [];

    public IReadOnlyList<Product> Products { get; set; } = [];

    public IReadOnlyList<PriceCheck> Prices { get; set; } = [];
}

/// <summary>Counts the operations in flight and remembers the most there were at once.</summary>
public sealed class Gauge
{
    private int _inFlight;
    private int _peak;

    public int Peak => Volatile.Read(ref _peak);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}

/// <summary>The "remote shop" every node of the lesson calls: an awaited delay standing in for an HTTP request.</summary>
public static class Shop
{
    public static async Task<Product> FetchAsync(Job job, Gauge gauge, CancellationToken cancellationToken)
    {
        gauge.Enter();
        try
        {
            await Task.Delay(job.DelayMilliseconds, cancellationToken);
            return new Product(job.Id, "product-" + job.Id.ToString("00", CultureInfo.InvariantCulture));
        }
        finally
        {
            gauge.Exit();
        }
    }

    public static async Task<decimal> PriceAsync(Job job, IReadOnlySet<int> broken, int attempt, CancellationToken cancellationToken)
    {
        await Task.Delay(job.DelayMilliseconds, cancellationToken);
        if (broken.Contains(job.Id))
        {
            throw new HttpRequestException($"price service answered 503 for product {job.Id} (attempt {attempt})");
        }

        return 10m + job.Id;
    }
}
