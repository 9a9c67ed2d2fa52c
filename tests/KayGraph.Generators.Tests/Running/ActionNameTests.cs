using System;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Stores;
using Xunit;

namespace KayGraph.Generators.Tests.Running;

/// <summary>Action strings reach generated code only as escaped literals or validated identifiers.</summary>
public sealed class ActionNameTests
{
    private const string Source = """
        using KayGraph;
        using KayGraph.Generators.Tests.Stores;

        namespace Actions;

        [Node]
        [Next<Quoted>("say \"hi\"\\now")]
        [Next<Keyword>("class")]
        [Next<Unicode>("größe ändern")]
        [Next<Quoted>("two\nlines")]
        public partial class Pick
        {
            private Action Post(Journal shared) => shared.Result switch
            {
                "quoted" => Action.SayHiNow,
                "keyword" => Action.Class,
                _ => Action.GrößeÄndern,
            };
        }

        [Node] public partial class Quoted { private void Post(Journal shared) => shared.Trace.Add("quoted"); }
        [Node] public partial class Keyword { private void Post(Journal shared) => shared.Trace.Add("keyword"); }
        [Node] public partial class Unicode { private void Post(Journal shared) => shared.Trace.Add("unicode"); }

        [Graph(typeof(Pick))]
        public partial class Picker;
        """;

    [Theory]
    [InlineData("quoted")]
    [InlineData("keyword")]
    [InlineData("unicode")]
    public async Task Special_action_strings_route_to_their_targets(string choice)
    {
        using var assembly = LoadedAssembly.Build(Source);
        var journal = new Journal { Result = choice };

        await LoadedAssembly.RunAsync(assembly.Create("Actions.Picker"), journal);

        Assert.Equal(new[] { choice }, journal.Trace);
    }

    [Fact]
    public void Mermaid_escapes_quotes_in_edge_labels()
    {
        using var assembly = LoadedAssembly.Build(Source);

        var mermaid = assembly.Constant("Actions.Picker", "Mermaid");

        Assert.Contains("n0 -->|\"say #quot;hi#quot;\\now\"| n1", mermaid, StringComparison.Ordinal);
        Assert.Contains("n0 -->|\"two lines\"| n1", mermaid, StringComparison.Ordinal);
        Assert.Equal(10, mermaid.Split('\n').Length); // header, start, 4 nodes, 4 edges: a line break inside an action does not split an edge
        Assert.Equal(new[] { "Default", "SayHiNow", "Class", "GrößeÄndern", "TwoLines" }, Enum.GetNames(assembly.Type("Actions.Pick+Action")));
    }
}
