namespace KayGraph.Samples.Tests;

/// <summary>
/// Tests that serve HTTP from this process run one after another: the tracing test's ASP.NET Core instrumentation listens
/// process-wide and would otherwise record another test's requests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class KestrelInThisProcess
{
    public const string Name = "Kestrel in this process";
}
