using Xunit;

namespace KayGraph.Tests.Support;

/// <summary>
/// Tests that observe process-wide state (the static <see cref="NodeBase{TShared}.WiringLogger"/>, the global
/// <c>ActivityListener</c>/<c>MeterListener</c>, the allocation counter) run in this collection, alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Serial (process-wide state)";
}
