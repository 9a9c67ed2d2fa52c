using System;
using System.Linq;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using KayGraph.Generators.Tests.Stores;
using Microsoft.Extensions.Logging;
using Xunit;

namespace KayGraph.Generators.Tests.Running;

/// <summary>The newcomer papercuts, run: ends on purpose with [End], System.Action in nodes, batch prep enumerated once.</summary>
public sealed class PapercutTests : IClassFixture<PapercutTests.Compiled>
{
    private readonly LoadedAssembly _assembly;

    public PapercutTests(Compiled compiled)
    {
        _assembly = compiled.Assembly;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("done")]
    public async Task An_End_action_ends_the_graph_without_a_warning(string? action)
    {
        var journal = new Journal { Result = action };
        var logger = new ListLogger();
        var graph = _assembly.Create("Papercuts.TriageFlow");
        LoadedAssembly.SetOptions(graph, new RunOptions { Logger = logger });

        var last = await LoadedAssembly.RunAsync(graph, journal);

        Assert.Equal(action, last);
        Assert.Empty(journal.Trace);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("done")]
    public async Task An_End_action_does_not_throw_in_strict_mode(string? action)
    {
        var journal = new Journal { Result = action };
        var graph = _assembly.Create("Papercuts.TriageFlow");
        LoadedAssembly.SetOptions(graph, new RunOptions { StrictActions = true });

        Assert.Equal(action, await LoadedAssembly.RunAsync(graph, journal));
    }

    [Fact]
    public async Task An_undeclared_action_still_throws_in_strict_mode_beside_End_actions()
    {
        var graph = _assembly.Create("Papercuts.TriageFlow");
        LoadedAssembly.SetOptions(graph, new RunOptions { StrictActions = true });

        var error = await Assert.ThrowsAsync<UnknownActionException>(() => LoadedAssembly.RunAsync(graph, new Journal { Result = "mystery" }));

        Assert.Contains("mystery", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_successor_is_still_followed()
    {
        var journal = new Journal { Result = "escalate" };

        await LoadedAssembly.RunAsync(_assembly.Create("Papercuts.TriageFlow"), journal);

        Assert.Equal(new[] { "escalated" }, journal.Trace);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("done")]
    public async Task A_sub_graph_that_ends_on_purpose_hands_its_action_to_the_outer_graph(string? action)
    {
        var journal = new Journal { Result = action };
        var logger = new ListLogger();
        var graph = _assembly.Create("Papercuts.OuterFlow");
        LoadedAssembly.SetOptions(graph, new RunOptions { Logger = logger, StrictActions = true });

        await LoadedAssembly.RunAsync(graph, journal);

        Assert.Equal(new[] { "after" }, journal.Trace);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void End_actions_are_members_of_the_Action_enum_and_edges_to_the_end_in_the_picture()
    {
        var members = Enum.GetNames(_assembly.Type("Papercuts.Triage+Action"));
        var mermaid = _assembly.Constant("Papercuts.TriageFlow", "Mermaid");

        Assert.Equal(new[] { "Default", "Escalate", "Done" }, members);
        Assert.Contains("n0 -->|\"escalate\"| n1", mermaid, StringComparison.Ordinal);
        Assert.Contains("n0 --> nend((end))", mermaid, StringComparison.Ordinal);
        Assert.Contains("n0 -->|\"done\"| nend", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_without_named_actions_has_no_Action_enum_and_uses_System_Action()
    {
        var journal = new Journal();

        await LoadedAssembly.RunAsync(_assembly.Create("Papercuts.NotifyFlow"), journal);

        Assert.Equal(new[] { "notified" }, journal.Trace);
        Assert.Null(_assembly.Type("Papercuts.Notify").GetNestedType("Action"));
        Assert.NotNull(_assembly.Type("Papercuts.Triage").GetNestedType("Action"));
    }

    [Fact]
    public async Task A_lazy_batch_prep_is_enumerated_once_and_post_gets_the_materialized_items()
    {
        var journal = new Journal();

        await LoadedAssembly.RunAsync(_assembly.Create("Papercuts.SquareFlow"), journal);

        Assert.Equal(3, journal.Count);
        Assert.Equal("6/3/14", journal.Result);
    }

    [Fact]
    public async Task A_parallel_batch_post_gets_the_items_in_input_order()
    {
        var journal = new Journal();

        await LoadedAssembly.RunAsync(_assembly.Create("Papercuts.SquareInParallelFlow"), journal);

        Assert.Equal(4, journal.Count);
        Assert.Equal("1,2,3,4=30", journal.Result);
    }

    public sealed class Compiled : IDisposable
    {
        public LoadedAssembly Assembly { get; } = LoadedAssembly.Build(PapercutInputs.Source);

        public void Dispose() => Assembly.Dispose();
    }
}
