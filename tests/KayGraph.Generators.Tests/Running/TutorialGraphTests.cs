using System;
using System.Linq;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Inputs;
using KayGraph.Generators.Tests.Stores;
using Xunit;

namespace KayGraph.Generators.Tests.Running;

/// <summary>The async-workflow tutorial's lesson 2 graph, generated, on both branches of its conditional.</summary>
public sealed class TutorialGraphTests : IClassFixture<TutorialGraphTests.Compiled>
{
    private readonly LoadedAssembly _assembly;

    public TutorialGraphTests(Compiled compiled)
    {
        _assembly = compiled.Assembly;
    }

    [Fact]
    public async Task Few_items_take_the_standard_branch()
    {
        var state = new WorkflowState { Query = "weather in Lisbon", ItemsPerSource = 2 };

        var last = await LoadedAssembly.RunAsync(_assembly.Create("Tutorial.AnalysisWorkflow"), state);

        Assert.Null(last);
        Assert.Equal(new[] { "DataPrep", "ParallelFetch", "ProcessResults", "Conditional", "StandardAnalysis", "Cleanup" }, state.Trace);
        Assert.Equal("standard analysis", state.Analysis);
        AssertCommonOutcome(state);
    }

    [Fact]
    public async Task Many_items_take_the_deep_analysis_branch()
    {
        var state = new WorkflowState { Query = "quarterly sales anomalies", ItemsPerSource = 40 };

        var last = await LoadedAssembly.RunAsync(_assembly.Create("Tutorial.AnalysisWorkflow"), state);

        Assert.Null(last);
        Assert.Equal(new[] { "DataPrep", "ParallelFetch", "ProcessResults", "Conditional", "DeepAnalysis", "Cleanup" }, state.Trace);
        Assert.Equal("deep analysis", state.Analysis);
        AssertCommonOutcome(state);
    }

    [Fact]
    public void Action_member_of_a_snake_case_action_is_PascalCase()
    {
        Assert.Equal(new[] { "Default", "DeepAnalysisNeeded", "Standard" }, Enum.GetNames(_assembly.Type("Tutorial.Conditional+Action")));
    }

    private static void AssertCommonOutcome(WorkflowState state)
    {
        var slug = Uri.EscapeDataString(state.Query.Replace(' ', '-'));
        var urls = new[] { $"https://news.example.com/{slug}", $"https://stats.example.com/{slug}", $"https://social.example.com/{slug}" };
        Assert.Equal(urls, state.Urls);
        Assert.Equal(urls.Select(u => (u.Length % 7 + 1) * state.ItemsPerSource), state.Responses); // input order kept
        Assert.Equal(state.Responses.Sum(), state.TotalItems);
        Assert.True(state.CleanedUp);
    }

    /// <summary>The tutorial compiled once for the class.</summary>
    public sealed class Compiled : IDisposable
    {
        public LoadedAssembly Assembly { get; } = LoadedAssembly.Build(RunInputs.Tutorial);

        public void Dispose() => Assembly.Dispose();
    }
}
