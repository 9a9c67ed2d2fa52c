using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// The items of a batch node: either an <see cref="IEnumerable{T}"/> or an <see cref="IAsyncEnumerable{T}"/>. Both convert
/// implicitly, so a batch prep can return either.
/// </summary>
/// <typeparam name="TItem">The type of one item.</typeparam>
public readonly struct BatchSource<TItem>
{
    private readonly IEnumerable<TItem>? _items;
    private readonly IAsyncEnumerable<TItem>? _asyncItems;

    /// <summary>Wraps synchronous items.</summary>
    /// <param name="items">The items.</param>
    public BatchSource(IEnumerable<TItem> items)
    {
        _items = items ?? throw new ArgumentNullException(nameof(items));
        _asyncItems = null;
    }

    /// <summary>Wraps asynchronous items.</summary>
    /// <param name="items">The items.</param>
    public BatchSource(IAsyncEnumerable<TItem> items)
    {
        _items = null;
        _asyncItems = items ?? throw new ArgumentNullException(nameof(items));
    }

    /// <summary>Wraps synchronous items.</summary>
    /// <param name="items">The items.</param>
    public static implicit operator BatchSource<TItem>(List<TItem> items) => new(items);

    /// <summary>Wraps synchronous items.</summary>
    /// <param name="items">The items.</param>
    public static implicit operator BatchSource<TItem>(TItem[] items) => new(items);

    /// <summary>Wraps asynchronous items.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The batch source.</returns>
    public static BatchSource<TItem> FromAsync(IAsyncEnumerable<TItem> items) => new(items);

    /// <summary>Wraps synchronous items.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The batch source.</returns>
    public static BatchSource<TItem> From(IEnumerable<TItem> items) => new(items);

    /// <summary>Reads every item, in order, into a list.</summary>
    /// <param name="cancellationToken">Observed between asynchronous items.</param>
    /// <returns>The items; <see langword="null"/> sources give an empty list.</returns>
    public async ValueTask<IReadOnlyList<TItem>> ToListAsync(CancellationToken cancellationToken)
    {
        if (_asyncItems is not null)
        {
            var list = new List<TItem>();
            await foreach (var item in _asyncItems.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                list.Add(item);
            }

            return list;
        }

        return _items switch
        {
            null => Array.Empty<TItem>(),
            IReadOnlyList<TItem> ready => ready,
            _ => new List<TItem>(_items),
        };
    }
}
