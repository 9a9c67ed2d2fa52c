using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace KayGraph.Samples.Tests;

/// <summary>
/// docs/testing.md's examples, with the mechanism of docs/dsl.md's (<c>&lt;!-- example: Name --&gt;</c> before a C# block
/// that is a whole file): each compiles cleanly with the generator and the analyzers, and each of its xunit facts passes.
/// </summary>
[Collection(InProcessRuns.Name)]
public sealed partial class TestingDocsExampleTests
{
    private const string Page = "docs/testing.md";

    public static TheoryData<string> Examples() => [.. Blocks().Select(m => m.Groups["name"].Value)];

    [Fact]
    public void The_page_has_an_example_for_each_way_of_testing_it_describes()
    {
        Assert.Equal(["NodeInIsolation", "FakeClockRetries", "FakeHttpHandler", "RunEvents", "DurableInMemory", "DurableResumeAfterFailure"], Blocks().Select(m => m.Groups["name"].Value));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_builds_cleanly_and_its_facts_pass(string name)
    {
        var code = Blocks().Single(m => m.Groups["name"].Value == name).Groups["code"].Value;
        Assert.Contains("Assert.", code, StringComparison.Ordinal);

        using var example = DocsExample.Build(code);
        var facts = example.Facts();
        Assert.NotEmpty(facts);
        foreach (var fact in facts)
        {
            await DocsExample.RunAsync(fact);
        }
    }

    [Fact]
    public async Task An_example_whose_assertion_fails_fails()
    {
        using var example = DocsExample.Build("""
            using Xunit;
            public sealed class Wrong
            {
                [Fact]
                public void Two_is_not_three() => Assert.Equal(2, 3);
            }
            """);

        await Assert.ThrowsAsync<EqualException>(() => DocsExample.RunAsync(Assert.Single(example.Facts())));
    }

    [Fact]
    public void An_example_with_a_kaygraph_diagnostic_does_not_build()
    {
        var error = Assert.ThrowsAny<XunitException>(() => DocsExample.Build("""
            using System.Threading;
            using System.Threading.Tasks;
            using KayGraph;
            public sealed class S;
            [Node]
            public partial class Sleepy
            {
                async Task ExecAsync(CancellationToken cancellationToken)
                {
                    Thread.Sleep(10);
                    await Task.Delay(10, cancellationToken);
                }
            }
            """));

        Assert.Contains("KG1001", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<Match> Blocks() =>
        ExampleBlock().Matches(File.ReadAllText(Path.Combine(SampleProcess.RepositoryRoot, Page)).Replace("\r\n", "\n", StringComparison.Ordinal));

    [GeneratedRegex(@"<!-- example: (?<name>\w+) -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ExampleBlock();
}
