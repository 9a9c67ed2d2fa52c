namespace KayGraph.Durable.Tests;

/// <summary>The conformance suite on <see cref="InMemoryCheckpointStore"/>.</summary>
public sealed class InMemoryCheckpointStoreTests : CheckpointStoreConformanceTests
{
    protected override ICheckpointStore CreateStore() => new InMemoryCheckpointStore();
}
