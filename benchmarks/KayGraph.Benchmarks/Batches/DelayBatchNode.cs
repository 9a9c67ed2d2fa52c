using System.Collections.Generic;
using System.Threading.Tasks;

namespace KayGraph.Benchmarks.Batches;

/// <summary>
/// An <see cref="AsyncParallelBatchNode{TShared, TItem, TResult}"/> whose exec awaits <see cref="BatchWorkload.ItemDelay"/>
/// per item (standing in for an I/O call) and returns the item; post records how many results came back.
/// </summary>
public sealed class DelayBatchNode(int maxConcurrency) : AsyncParallelBatchNode<BatchStore, int, int>(maxConcurrency, id: "delay-batch")
{
    /// <inheritdoc />
    public override ValueTask<BatchSource<int>> PrepAsync(BatchStore shared, NodeContext context) => new(shared.Items);

    /// <inheritdoc />
    public override async ValueTask<int> ExecAsync(int input, NodeContext context)
    {
        await Task.Delay(BatchWorkload.ItemDelay, context.CancellationToken).ConfigureAwait(false);
        return input;
    }

    /// <inheritdoc />
    public override ValueTask<string?> PostAsync(BatchStore shared, IReadOnlyList<int> items, IReadOnlyList<int> results, NodeContext context)
    {
        long sum = 0;
        for (var i = 0; i < results.Count; i++)
        {
            sum += results[i];
        }

        shared.Completed = results.Count;
        shared.Checksum = sum;
        return default;
    }
}
