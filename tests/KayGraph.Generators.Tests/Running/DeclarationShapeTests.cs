using System;
using System.Net.Http;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using KayGraph.Generators.Tests.Stores;
using Xunit;

namespace KayGraph.Generators.Tests.Running;

/// <summary>Nodes split over partial files, nodes shared by several graphs, and graphs built from an IServiceProvider.</summary>
public sealed class DeclarationShapeTests
{
    private const string FirstFile = """
        using KayGraph;
        using KayGraph.Generators.Tests.Stores;

        namespace Shapes;

        [Node]
        [Next<Shared2>]
        public partial class Split
        {
            private int Prep(Journal shared) => shared.Count;
        }

        [Graph(typeof(Split))]
        public partial class FirstGraph;
        """;

    private const string SecondFile = """
        using KayGraph;
        using KayGraph.Generators.Tests.Stores;

        namespace Shapes;

        public partial class Split
        {
            private int Exec(int count) => count + 10;

            private void Post(Journal shared, int before, int after)
            {
                shared.Count = after;
                shared.Trace.Add("split " + before + " -> " + after);
            }
        }

        [Node]
        public partial class Shared2
        {
            private void Post(Journal shared) => shared.Trace.Add("shared");
        }

        [Node]
        [Next<Shared2>]
        public partial class Other
        {
            private void Post(Journal shared) => shared.Trace.Add("other");
        }

        [Graph(typeof(Other))]
        public partial class SecondGraph;
        """;

    [Fact]
    public async Task Node_declared_across_partial_files_gets_all_its_phases_wired()
    {
        using var assembly = LoadedAssembly.Build(new[] { FirstFile, SecondFile });
        var journal = new Journal { Count = 1 };

        await LoadedAssembly.RunAsync(assembly.Create("Shapes.FirstGraph"), journal);

        Assert.Equal(new[] { "split 1 -> 11", "shared" }, journal.Trace);
    }

    [Fact]
    public async Task Two_graphs_share_a_node_type()
    {
        using var assembly = LoadedAssembly.Build(new[] { SecondFile, FirstFile });
        var journal = new Journal();

        await LoadedAssembly.RunAsync(assembly.Create("Shapes.SecondGraph"), journal);
        await LoadedAssembly.RunAsync(assembly.Create("Shapes.FirstGraph"), journal);

        Assert.Equal(new[] { "other", "shared", "split 0 -> 10", "shared" }, journal.Trace);
    }

    [Fact]
    public async Task Graph_resolves_its_nodes_from_a_service_provider()
    {
        using var assembly = LoadedAssembly.Build(RunInputs.DesignExample);
        var handler = new StubHttpHandler();
        using var http = new HttpClient(handler);
        var graph = assembly.Create("Design.AnalysisWorkflow", new SingleServiceProvider(http));
        var shared = new Shared();

        await LoadedAssembly.RunAsync(graph, shared);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(new[] { "standard" }, shared.Trace);
    }

    /// <summary>Provides one HttpClient; everything else is created by constructor injection.</summary>
    private sealed class SingleServiceProvider(HttpClient http) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(HttpClient) ? http : null;
    }
}
