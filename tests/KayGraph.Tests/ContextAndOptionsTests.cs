using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace KayGraph.Tests;

/// <summary>The small value types of the runtime: <see cref="NodeContext"/>, <see cref="RunOptions"/>, <see cref="BatchSource{TItem}"/>, <see cref="Unit"/>, <see cref="Actions"/>.</summary>
public sealed class ContextAndOptionsTests
{
    [Fact]
    public void NewContextHasDefaults()
    {
        var context = new NodeContext();

        Assert.Same(RunOptions.Default, context.Options);
        Assert.Same(NullLogger.Instance, context.Logger);
        Assert.Empty(context.Params);
        Assert.Empty(context.Config);
        Assert.Equal(string.Empty, context.NodeId);
        Assert.Equal(0, context.Attempt);
        Assert.Equal(1, context.MaxRetries);
        Assert.False(context.CancellationToken.CanBeCanceled);
    }

    [Fact]
    public void BranchSharesOptionsTokenAndConfigButOwnsItsParamsAndAttempt()
    {
        using var cts = new CancellationTokenSource();
        var options = new RunOptions { StrictActions = true };
        var parentParams = new Dictionary<string, object?> { ["a"] = 1 };
        var parent = new NodeContext(options, parentParams, cts.Token);
        parent.SetConfig(new Dictionary<string, object?> { ["c"] = 2 });
        var branchParams = new Dictionary<string, object?> { ["b"] = 3 };

        var same = parent.CreateBranch();
        var other = parent.CreateBranch(branchParams);
        other.Attempt = 4;

        Assert.Same(options, other.Options);
        Assert.Equal(cts.Token, other.CancellationToken);
        Assert.Same(parent.Config, other.Config);
        Assert.Same(parentParams, same.Params);
        Assert.Same(branchParams, other.Params);
        Assert.Equal(0, parent.Attempt);
        Assert.NotSame(parent, same);
    }

    [Fact]
    public void SetConfigNullMeansEmpty()
    {
        var context = new NodeContext();
        context.SetConfig(new Dictionary<string, object?> { ["x"] = 1 });

        context.SetConfig(null);

        Assert.Empty(context.Config);
    }

    [Fact]
    public void RunOptionsDefaultsAreLenientSystemClockNoLogging()
    {
        var options = new RunOptions();

        Assert.Same(NullLogger.Instance, options.Logger);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.False(options.StrictActions);
    }

    [Fact]
    public async Task BatchSourceReadsEveryKindOfItemsInOrder()
    {
        BatchSource<int> fromArray = new[] { 1, 2 };
        BatchSource<int> fromList = new List<int> { 3, 4 };
        var fromEnumerable = BatchSource<int>.From(Enumerable.Range(5, 2));
        var fromAsync = BatchSource<int>.FromAsync(AsyncItems());

        Assert.Equal([1, 2], await fromArray.ToListAsync(CancellationToken.None));
        Assert.Equal([3, 4], await fromList.ToListAsync(CancellationToken.None));
        Assert.Equal([5, 6], await fromEnumerable.ToListAsync(CancellationToken.None));
        Assert.Equal([7, 8], await fromAsync.ToListAsync(CancellationToken.None));
        Assert.Empty(await default(BatchSource<int>).ToListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task BatchSourceObservesCancellationOfAsyncItems()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await BatchSource<int>.FromAsync(AsyncItems()).ToListAsync(cts.Token));
    }

    [Fact]
    public void BatchSourceRejectsNull()
    {
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => BatchSource<int>.From(null!)).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => BatchSource<int>.FromAsync(null!)).ParamName);
    }

    [Fact]
    public void UnitHasOneValueAndActionsDefaultIsDefault()
    {
        Assert.Equal(Unit.Value, default);
        Assert.True(Unit.Value == default(Unit));
        Assert.False(Unit.Value != default(Unit));
        Assert.True(Unit.Value.Equals((object)default(Unit)));
        Assert.Equal(0, Unit.Value.GetHashCode());
        Assert.Equal("()", Unit.Value.ToString());
        Assert.Equal("default", Actions.Default);
        Assert.Equal("default", Actions.OrDefault(null));
        Assert.Equal("x", Actions.OrDefault("x"));
    }

    private static async IAsyncEnumerable<int> AsyncItems([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in new[] { 7, 8 })
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }
}
