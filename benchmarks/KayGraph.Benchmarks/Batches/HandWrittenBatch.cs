using System.Threading.Tasks;

namespace KayGraph.Benchmarks.Batches;

/// <summary>
/// What .NET itself achieves on the same batch, without KayGraph: <see cref="Task.WhenAll(Task[])"/> over every item when
/// unbounded, <c>Parallel.ForAsync</c> with <see cref="ParallelOptions.MaxDegreeOfParallelism"/> set to the limit otherwise. It shows how much of the distance to the ideal time belongs to the machine's timers and
/// thread pool rather than to the runtime.
/// </summary>
public static class HandWrittenBatch
{
    /// <summary>Runs every item of <paramref name="store"/> with at most <paramref name="limit"/> in flight.</summary>
    /// <param name="store">The shared store.</param>
    /// <param name="limit">The concurrency limit.</param>
    /// <returns>A task that completes when every item is done.</returns>
    public static async Task RunAsync(BatchStore store, ConcurrencyLimit limit)
    {
        var items = store.Items;
        var results = new int[items.Length];
        if (limit.IsUnbounded)
        {
            var tasks = new Task[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                tasks[i] = ExecAsync(items, results, i);
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = limit.MaxConcurrency };
            await Parallel.ForAsync(0, items.Length, options, (i, _) => new ValueTask(ExecAsync(items, results, i))).ConfigureAwait(false);
        }

        long sum = 0;
        foreach (var result in results)
        {
            sum += result;
        }

        store.Completed = results.Length;
        store.Checksum = sum;
    }

    private static async Task ExecAsync(int[] items, int[] results, int index)
    {
        await Task.Delay(BatchWorkload.ItemDelay).ConfigureAwait(false);
        results[index] = items[index];
    }
}
