namespace KayGraph.Benchmarks.Batches;

/// <summary>The shared store of the parallel batch benchmark: the items to process and how many results came back.</summary>
public sealed class BatchStore
{
    /// <summary>Creates a store holding the item indexes <c>0 .. items-1</c>.</summary>
    /// <param name="items">The number of items.</param>
    public BatchStore(int items)
    {
        Items = new int[items];
        for (var i = 0; i < items; i++)
        {
            Items[i] = i;
        }
    }

    /// <summary>The items, read by prep.</summary>
    public int[] Items { get; }

    /// <summary>The number of results post received (in input order).</summary>
    public int Completed { get; set; }

    /// <summary>The sum of the results, checked against the sum of the items to prove every item ran once, in order.</summary>
    public long Checksum { get; set; }
}
