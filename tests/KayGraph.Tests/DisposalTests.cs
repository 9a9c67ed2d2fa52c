using System;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Resources are released through <see cref="IAsyncDisposable"/> (KayGraph's <c>setup_resources</c>/<c>cleanup_resources</c>).</summary>
public sealed class DisposalTests
{
    [Fact]
    public async Task AwaitUsingReleasesAsyncResourcesOnce()
    {
        var journal = new Journal();
        await using (var node = new ResourceNode(journal))
        {
            await node.RunAsync(journal);
        }

        Assert.Equal(["exec", "DisposeAsyncCore", "Dispose(disposing: False)"], journal.Events);
    }

    [Fact]
    public async Task UsingReleasesSyncResources()
    {
        var journal = new Journal();
        using (var node = new ResourceNode(journal))
        {
            await node.RunAsync(journal);
        }

        Assert.Equal(["exec", "Dispose(disposing: True)"], journal.Events);
    }

    [Fact]
    public async Task WrappedNodesDisposeWhatTheyWrap()
    {
        var asyncInner = new DisposableINode();
        var syncInner = new DisposableINode();

        await NodeBase<Journal>.Wrap(asyncInner).DisposeAsync();
        await NodeBase<Journal>.Wrap((INode<Journal>)new SyncOnlyDisposable(syncInner)).DisposeAsync();

        Assert.Equal(1, asyncInner.AsyncDisposals);
        Assert.Equal(1, syncInner.SyncDisposals);
    }

    private sealed class ResourceNode(Journal journal) : AsyncNode<Journal, Unit, Unit>
    {
        public override ValueTask<Unit> ExecAsync(Unit input, NodeContext context)
        {
            journal.Record("exec");
            return default;
        }

        protected override ValueTask DisposeAsyncCore()
        {
            journal.Record("DisposeAsyncCore");
            return default;
        }

        protected override void Dispose(bool disposing) => journal.Record($"Dispose(disposing: {disposing})");
    }

    private sealed class DisposableINode : INode<Journal>, IAsyncDisposable
    {
        public int AsyncDisposals { get; private set; }

        public int SyncDisposals { get; set; }

        public string Id => "disposable";

        public ValueTask<string?> RunAsync(Journal shared, NodeContext context) => default;

        public ValueTask DisposeAsync()
        {
            AsyncDisposals++;
            return default;
        }
    }

    private sealed class SyncOnlyDisposable(DisposableINode counter) : INode<Journal>, IDisposable
    {
        public string Id => "sync-disposable";

        public ValueTask<string?> RunAsync(Journal shared, NodeContext context) => default;

        public void Dispose() => counter.SyncDisposals++;
    }
}
