using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using Xunit;

namespace KayGraph.Generators.Tests.Running;

/// <summary>
/// The resilience arguments of the node attributes, end to end: compiled with the generator, the settings each node gets
/// (backoff, cap, jitter, timeout, the [RetryOn] filter), and runs that retry, time out and fall back as the docs say.
/// </summary>
public sealed class ResilienceRunTests : IClassFixture<ResilienceRunTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using KayGraph;
        using KayGraph.Generators.Tests.Running;

        namespace Resilience;

        [Node(MaxRetries = 5, WaitMilliseconds = 100, Backoff = Backoff.Exponential, MaxWaitMilliseconds = 300, Jitter = true, TimeoutMilliseconds = 30_000)]
        [RetryOn<HttpRequestException>]
        [RetryOn(typeof(TimeoutException))]
        public partial class Configured
        {
            private string Exec() => "ok";
        }

        [Node(MaxRetries = 3)]
        [RetryOn<HttpRequestException>]
        public partial class Filtered
        {
            private ResilienceStore Prep(ResilienceStore shared) => shared;

            private string Exec(ResilienceStore store)
            {
                var attempt = store.Attempts++;
                return attempt < store.Failures.Count ? throw store.Failures[attempt] : "ok";
            }

            private string ExecFallback(ResilienceStore store, Exception error) => "fallback: " + error.GetType().Name;

            private void Post(ResilienceStore shared, ResilienceStore store, string result) => shared.Results.Add(result);
        }

        [Graph(typeof(Filtered))]
        public partial class FilteredGraph;

        [Node(MaxRetries = 2, TimeoutMilliseconds = 50)]
        public partial class Slow
        {
            private ResilienceStore Prep(ResilienceStore shared) => shared;

            private async Task<string> ExecAsync(ResilienceStore store, CancellationToken cancellationToken)
            {
                store.Attempts++;
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return "never";
            }

            private string ExecFallback(ResilienceStore store, Exception error) => error.GetType().Name + ": " + error.Message;

            private void Post(ResilienceStore shared, ResilienceStore store, string result) => shared.Results.Add(result);
        }

        [Graph(typeof(Slow))]
        public partial class SlowGraph;

        [BatchNode(MaxRetries = 2, TimeoutMilliseconds = 50)]
        public partial class SlowItems
        {
            private IEnumerable<int> Prep(ResilienceStore shared) => new[] { 1, 2, 3 };

            private async Task<string> ExecAsync(int item, CancellationToken cancellationToken)
            {
                if (item == 2)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return "item " + item;
            }

            private string ExecFallback(int item, Exception error) => "item " + item + " " + error.GetType().Name;

            private void Post(ResilienceStore shared, IReadOnlyList<int> items, IReadOnlyList<string> results) => shared.Results.AddRange(results);
        }

        [Graph(typeof(SlowItems))]
        public partial class SlowItemsGraph;
        """;

    private readonly LoadedAssembly _assembly;

    public ResilienceRunTests(Compiled compiled)
    {
        _assembly = compiled.Assembly;
    }

    [Fact]
    public void The_attribute_arguments_become_the_nodes_settings()
    {
        var settings = SettingsOf("Resilience.Configured");

        Assert.Equal(5, settings.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.Wait);
        Assert.Equal(Backoff.Exponential, settings.Backoff);
        Assert.Equal(TimeSpan.FromMilliseconds(300), settings.MaxWait);
        Assert.True(settings.Jitter);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Timeout);
        Assert.Equal(new[] { 100, 200, 300, 300 }, new[] { 1, 2, 3, 4 }.Select(n => (int)settings.GetDelay(n).TotalMilliseconds));
        var retryOn = Assert.IsType<Func<Exception, bool>>(settings.RetryOn);
        Assert.True(retryOn(new HttpRequestException("down")));
        Assert.True(retryOn(new TimeoutException()));
        Assert.False(retryOn(new InvalidOperationException()));
        Assert.Same(settings, SettingsOf("Resilience.Configured"));
    }

    [Fact]
    public void A_node_without_resilience_arguments_keeps_the_plain_settings()
    {
        var settings = SettingsOf("Resilience.Slow");

        Assert.Equal(Backoff.Constant, settings.Backoff);
        Assert.False(settings.Jitter);
        Assert.Null(settings.RetryOn);
        Assert.Equal(TimeSpan.FromMilliseconds(50), settings.Timeout);
    }

    [Fact]
    public async Task A_failure_RetryOn_matches_is_retried()
    {
        var store = new ResilienceStore { Failures = { new HttpRequestException("down"), new HttpRequestException("still down") } };

        await LoadedAssembly.RunAsync(_assembly.Create("Resilience.FilteredGraph"), store);

        Assert.Equal(3, store.Attempts);
        Assert.Equal(new[] { "ok" }, store.Results);
    }

    [Fact]
    public async Task A_failure_RetryOn_does_not_match_goes_to_the_fallback_after_one_attempt()
    {
        var store = new ResilienceStore { Failures = { new InvalidOperationException("bug") } };

        await LoadedAssembly.RunAsync(_assembly.Create("Resilience.FilteredGraph"), store);

        Assert.Equal(1, store.Attempts);
        Assert.Equal(new[] { "fallback: InvalidOperationException" }, store.Results);
    }

    [Fact]
    public async Task Each_attempt_times_out_with_TimeoutException_and_the_last_reaches_the_fallback()
    {
        var store = new ResilienceStore();

        await LoadedAssembly.RunAsync(_assembly.Create("Resilience.SlowGraph"), store).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, store.Attempts);
        Assert.Equal(new[] { "TimeoutException: Node 'Slow' attempt 2 of 2 timed out after 50 ms" }, store.Results);
    }

    [Fact]
    public async Task Batch_nodes_apply_the_timeout_to_each_item()
    {
        var store = new ResilienceStore();

        await LoadedAssembly.RunAsync(_assembly.Create("Resilience.SlowItemsGraph"), store).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new[] { "item 1", "item 2 TimeoutException", "item 3" }, store.Results);
    }

    private NodeSettings SettingsOf(string typeName) =>
        (NodeSettings)_assembly.Type(typeName).GetField("__kayGraphSettings", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    public sealed class Compiled : IDisposable
    {
        public LoadedAssembly Assembly { get; } = LoadedAssembly.Build(Source);

        public void Dispose() => Assembly.Dispose();
    }
}

/// <summary>The store of the resilience inputs: the failures exec throws in turn, its attempts, and what post recorded.</summary>
public sealed class ResilienceStore
{
    public List<Exception> Failures { get; } = new();

    public int Attempts { get; set; }

    public List<string> Results { get; } = new();
}
