using System;
using KayGraph.Durable.Tests;
using Xunit;

namespace KayGraph.Orleans.Tests;

/// <summary>
/// The checkpoint store conformance suite on <see cref="GrainCheckpointStore"/>: every case against real run grains in the
/// three-silo cluster, their state in SQLite grain storage, each test in a scope of its own (a fresh, empty store).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainCheckpointStoreTests(ClusterFixture fixture) : CheckpointStoreConformanceTests
{
    private readonly string _scope = "conformance-" + Guid.NewGuid().ToString("N");

    protected override ICheckpointStore CreateStore() => new GrainCheckpointStore(fixture.Cluster.Client, _scope);

    [Fact]
    public void AScopeWithASlashIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new GrainCheckpointStore(fixture.Cluster.Client, "a/b"));
        Assert.Throws<ArgumentException>(() => new GrainCheckpointStore(fixture.Cluster.Client, ""));
    }
}
