using System;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using KayGraph.Generators.Tests.Stores;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Xunit;

namespace KayGraph.Generators.Tests.Running;

/// <summary>[Node(Resilience = "key")]: each exec attempt runs through the Polly pipeline registered under the key in the run's services.</summary>
public sealed class ResiliencePipelineTests : IClassFixture<ResiliencePipelineTests.Compiled>
{
    private const string Source = """
        using System;
        using KayGraph;
        using KayGraph.Generators.Tests.Stores;

        namespace Pipelines;

        [Node(Resilience = "flaky-service")]
        public partial class Call
        {
            private Journal Prep(Journal shared) => shared;

            private string Exec(Journal journal)
            {
                journal.Attempts++;
                if (journal.Attempts <= journal.FailuresBeforeSuccess)
                {
                    throw new InvalidOperationException("attempt " + journal.Attempts);
                }

                return "ok after " + journal.Attempts;
            }

            private void Post(Journal shared, Journal journal, string result) => shared.Result = result;
        }

        [Graph(typeof(Call))]
        public partial class CallGraph;
        """;

    private readonly LoadedAssembly _assembly;

    public ResiliencePipelineTests(Compiled compiled)
    {
        _assembly = compiled.Assembly;
    }

    [Fact]
    public async Task Exec_runs_through_the_pipeline_of_the_services_the_graph_was_created_from()
    {
        var journal = new Journal { FailuresBeforeSuccess = 2 };
        var graph = _assembly.Create("Pipelines.CallGraph", (IServiceProvider)new Services(Registry(retries: 2)));

        await LoadedAssembly.RunAsync(graph, journal);

        Assert.Equal(3, journal.Attempts); // Polly retried twice inside KayGraph's single attempt
        Assert.Equal("ok after 3", journal.Result);
    }

    [Fact]
    public async Task A_pipeline_that_gives_up_hands_the_failure_to_KayGraph()
    {
        var journal = new Journal { FailuresBeforeSuccess = 10 };
        var graph = _assembly.Create("Pipelines.CallGraph", (IServiceProvider)new Services(Registry(retries: 1)));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => LoadedAssembly.RunAsync(graph, journal));

        Assert.Equal(2, journal.Attempts);
        Assert.Equal("attempt 2", (error as InvalidOperationException ?? error.InnerException)!.Message);
    }

    [Fact]
    public async Task A_run_without_the_pipeline_says_which_key_it_needs()
    {
        var graph = _assembly.Create("Pipelines.CallGraph");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => LoadedAssembly.RunAsync(graph, new Journal()));

        var cause = error as InvalidOperationException ?? Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("'flaky-service'", cause.Message, StringComparison.Ordinal);
        Assert.Contains("ResiliencePipelineProvider<string>", cause.Message, StringComparison.Ordinal);
    }

    private static ResiliencePipelineRegistry<string> Registry(int retries)
    {
        var registry = new ResiliencePipelineRegistry<string>();
        registry.TryAddBuilder("flaky-service", (builder, _) => builder.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = retries, Delay = TimeSpan.Zero }));
        return registry;
    }

    /// <summary>The smallest service provider: the pipeline provider, and nothing else (nodes are created with their constructors).</summary>
    private sealed class Services(ResiliencePipelineProvider<string> pipelines) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(ResiliencePipelineProvider<string>) ? pipelines : null;
    }

    public sealed class Compiled : IDisposable
    {
        public LoadedAssembly Assembly { get; } = LoadedAssembly.Build(Source);

        public void Dispose() => Assembly.Dispose();
    }
}
