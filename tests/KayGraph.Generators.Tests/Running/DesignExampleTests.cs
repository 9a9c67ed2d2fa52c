using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using KayGraph.Generators.Tests.Stores;
using Xunit;

namespace KayGraph.Generators.Tests.Running;

/// <summary>The example of design.md compiles warning-free with the generated code and runs.</summary>
public sealed class DesignExampleTests
{
    [Fact]
    public async Task Runs_with_an_HttpClient_node_built_by_the_caller()
    {
        using var assembly = LoadedAssembly.Build(RunInputs.DesignExample);
        var handler = new StubHttpHandler();
        using var http = new HttpClient(handler);
        var graph = assembly.Create(
            "Design.AnalysisWorkflow",
            assembly.Create("Design.Prepare"),
            assembly.Create("Design.Fetch", http),
            assembly.Create("Design.Deep"),
            assembly.Create("Design.Standard"));
        var shared = new Shared();

        var last = await LoadedAssembly.RunAsync(graph, shared);

        Assert.Null(last); // the last node, Standard, ends with the default action
        Assert.Equal(new[] { "https://example.org/a", "https://example.org/b" }, shared.Urls);
        Assert.Equal(new[] { "https://example.org/a", "https://example.org/b" }, handler.Requests.OrderBy(r => r, System.StringComparer.Ordinal));
        Assert.Equal(new[] { new Page("https://example.org/a", "page of /a"), new Page("https://example.org/b", "page of /b") }, shared.Pages);
        Assert.Equal(new[] { "standard" }, shared.Trace);
    }

    [Fact]
    public void Has_no_parameterless_constructor_because_Fetch_needs_an_HttpClient()
    {
        using var assembly = LoadedAssembly.Build(RunInputs.DesignExample);
        var type = assembly.Type("Design.AnalysisWorkflow");

        Assert.Null(type.GetConstructor(System.Type.EmptyTypes));
        Assert.NotNull(type.GetConstructor(new[] { typeof(System.IServiceProvider) }));
        Assert.NotNull(assembly.Type("Design.Prepare").GetConstructor(System.Type.EmptyTypes));
    }

    [Fact]
    public void Mermaid_constant_is_the_exact_flowchart()
    {
        using var assembly = LoadedAssembly.Build(RunInputs.DesignExample);

        var mermaid = assembly.Constant("Design.AnalysisWorkflow", "Mermaid");

        Assert.Equal(
            "flowchart TD\n" +
            "    start((start)) --> n0\n" +
            "    n0[\"Prepare\"]\n" +
            "    n1[\"Fetch\"]\n" +
            "    n2[\"Deep\"]\n" +
            "    n3[\"Standard\"]\n" +
            "    n0 --> n1\n" +
            "    n1 -->|\"deep\"| n2\n" +
            "    n1 -->|\"standard\"| n3",
            mermaid);
    }

    [Fact]
    public void Action_enum_has_Default_and_one_member_per_declared_action()
    {
        using var assembly = LoadedAssembly.Build(RunInputs.DesignExample);

        var action = assembly.Type("Design.Fetch+Action");

        Assert.True(action.IsEnum);
        Assert.Equal(new[] { "Default", "Deep", "Standard" }, System.Enum.GetNames(action));
    }
}
