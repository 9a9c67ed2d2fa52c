using System.Collections.Generic;
using System.Threading.Tasks;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary>Config: a node's own wins, else its graph's (also through nesting). Params: the graph hands its own down to every node.</summary>
public sealed class ConfigAndParamsTests
{
    private static readonly IReadOnlyDictionary<string, object?> GraphConfig = new Dictionary<string, object?> { ["model"] = "graph-model" };
    private static readonly IReadOnlyDictionary<string, object?> NodeConfig = new Dictionary<string, object?> { ["model"] = "node-model" };

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task NodesOwnConfigWinsElseTheGraphsIsInherited(NodeKind kind)
    {
        var journal = new Journal();
        var own = ConfigReader(kind, "own");
        own.Config = NodeConfig;
        var inheriting = ConfigReader(kind, "inheriting");
        var graph = Scripted.Graph(kind, own);
        graph.Config = GraphConfig;
        _ = own >> inheriting;

        await graph.RunAsync(journal);

        Assert.Equal(["own: node-model", "inheriting: graph-model"], journal.Events);
    }

    [Fact]
    public async Task NestedGraphsPassConfigDownUnlessTheyHaveTheirOwn()
    {
        var journal = new Journal();
        var innerWithout = new Graph<Journal>(ConfigReader(NodeKind.Sync, "in-plain"), "plain");
        var innerWithOwn = new Graph<Journal>(ConfigReader(NodeKind.Sync, "in-own"), "own") { Config = NodeConfig };
        var outer = new Graph<Journal>(innerWithout) { Config = GraphConfig };
        _ = innerWithout >> innerWithOwn >> ConfigReader(NodeKind.Sync, "after");

        await outer.RunAsync(journal);

        Assert.Equal(["in-plain: graph-model", "in-own: node-model", "after: graph-model"], journal.Events);
    }

    [Fact]
    public async Task NodeRunOnItsOwnSeesItsOwnConfigAndParams()
    {
        var journal = new Journal();
        var node = ParamsReader(NodeKind.Sync, "alone");
        node.Config = NodeConfig;
        node.Params = new Dictionary<string, object?> { ["user"] = "solo" };

        await node.RunAsync(journal);

        Assert.Equal(["alone: user=solo model=node-model"], journal.Events);
    }

    [Theory]
    [InlineData(NodeKind.Sync)]
    [InlineData(NodeKind.Async)]
    public async Task GraphHandsItsParamsToEveryNode(NodeKind kind)
    {
        var journal = new Journal();
        var first = ParamsReader(kind, "first");
        first.Params = new Dictionary<string, object?> { ["user"] = "ignored inside a graph" };
        var graph = Scripted.Graph(kind, first);
        graph.Params = new Dictionary<string, object?> { ["user"] = "ada" };
        graph.Config = GraphConfig;
        _ = first >> ParamsReader(kind, "second");

        await graph.RunAsync(journal);

        Assert.Equal(["first: user=ada model=graph-model", "second: user=ada model=graph-model"], journal.Events);
    }

    [Fact]
    public async Task ParamsOfAContextReachTheNodes()
    {
        var journal = new Journal();
        var graph = new Graph<Journal>(ParamsReader(NodeKind.Sync, "ctx"));
        var context = new NodeContext(parameters: new Dictionary<string, object?> { ["user"] = "from-context" });

        await graph.RunAsync(journal, context);

        Assert.Equal(["ctx: user=from-context model=none"], journal.Events);
    }

    private static NodeBase<Journal> ConfigReader(NodeKind kind, string id) =>
        Scripted.Node(kind, id, new NodeScript<string, string>
        {
            Exec = (_, context) => $"{id}: {context.Config["model"]}",
            Post = (shared, _, line, _) =>
            {
                shared.Record(line);
                return null;
            },
        });

    private static NodeBase<Journal> ParamsReader(NodeKind kind, string id) =>
        Scripted.Node(kind, id, new NodeScript<string, string>
        {
            Exec = (_, context) =>
                $"{id}: user={context.Params["user"]} model={(context.Config.TryGetValue("model", out var model) ? model : "none")}",
            Post = (shared, _, line, _) =>
            {
                shared.Record(line);
                return null;
            },
        });
}
