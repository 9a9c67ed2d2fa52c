using System;
using KayGraph.Tests.Support;
using Xunit;

namespace KayGraph.Tests;

/// <summary><see cref="NodeSettings"/> and the constructors that build it reject out-of-range arguments, naming the parameter.</summary>
public sealed class NodeSettingsTests
{
    [Theory]
    [InlineData(0, 0, 1, "maxRetries")]
    [InlineData(-1, 0, 1, "maxRetries")]
    [InlineData(1, -1, 1, "wait")]
    [InlineData(1, 0, 0, "maxConcurrency")]
    [InlineData(1, 0, -5, "maxConcurrency")]
    public void OutOfRangeArgumentsAreRejectedNamingTheParameter(int maxRetries, int waitMilliseconds, int maxConcurrency, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NodeSettings(maxRetries, TimeSpan.FromMilliseconds(waitMilliseconds), maxConcurrency));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void FromMillisecondsValidatesAndReusesTheDefault()
    {
        Assert.Equal("waitMilliseconds", Assert.Throws<ArgumentOutOfRangeException>(() => NodeSettings.FromMilliseconds(1, -1)).ParamName);
        Assert.Equal("maxRetries", Assert.Throws<ArgumentOutOfRangeException>(() => NodeSettings.FromMilliseconds(0, 0)).ParamName);
        Assert.Same(NodeSettings.Default, NodeSettings.FromMilliseconds(1, 0));

        var settings = NodeSettings.FromMilliseconds(3, 250, 4);

        Assert.Equal((3, TimeSpan.FromMilliseconds(250), 4), (settings.MaxRetries, settings.Wait, settings.MaxConcurrency));
    }

    [Fact]
    public void DefaultsAreOneAttemptNoWaitUnbounded()
    {
        var settings = NodeSettings.Default;

        Assert.Equal((1, TimeSpan.Zero, int.MaxValue), (settings.MaxRetries, settings.Wait, settings.MaxConcurrency));
    }

    [Fact]
    public void NodeConstructorsValidateTheirSettings()
    {
        Assert.Equal("maxRetries", Assert.Throws<ArgumentOutOfRangeException>(() => Scripted.Node(NodeKind.Sync, "bad", new NodeScript<int, int> { Exec = (p, _) => p }, maxRetries: 0)).ParamName);
        Assert.Equal("wait", Assert.Throws<ArgumentOutOfRangeException>(() => Scripted.Node(NodeKind.Async, "bad", new NodeScript<int, int> { Exec = (p, _) => p }, wait: TimeSpan.FromSeconds(-1))).ParamName);
        Assert.Equal("maxConcurrency", Assert.Throws<ArgumentOutOfRangeException>(() => new UnboundedGraph(0)).ParamName);
    }

    [Fact]
    public async System.Threading.Tasks.Task RunParameterSetsRejectsAZeroLimit()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => GraphRuntime.RunParameterSetsAsync([], new NodeContext(), 0, _ => default));

        Assert.Equal("maxConcurrency", error.ParamName);
    }

    private sealed class UnboundedGraph(int maxConcurrency) : AsyncParallelBatchGraph<Journal>(maxConcurrency: maxConcurrency)
    {
        protected override System.Threading.Tasks.ValueTask<System.Collections.Generic.IEnumerable<System.Collections.Generic.IReadOnlyDictionary<string, object?>>> PrepBatchAsync(Journal shared, NodeContext context) =>
            new([]);
    }
}
