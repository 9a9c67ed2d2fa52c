namespace KayGraph.Samples.Tests;

/// <summary>
/// Tests that serve HTTP or run KayGraph graphs in this process run one after another: the tracing test's tracer provider
/// listens process-wide (ASP.NET Core, HttpClient and the <c>KayGraph</c> activity source) and would otherwise record
/// another test's requests and spans.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessRuns
{
    public const string Name = "HTTP and graphs in this process";
}
