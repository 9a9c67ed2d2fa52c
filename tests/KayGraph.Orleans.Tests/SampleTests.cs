using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace KayGraph.Orleans.Tests;

/// <summary>samples/Cluster as a process: two silos, 24 runs, one silo stopped, every run finished on the other.</summary>
[Collection(ClusterCollection.Name)] // not beside the cluster tests: the machine has two cores
public sealed class SampleTests
{
    [Fact]
    public async Task TheClusterSampleFinishesEveryRunAfterStoppingASilo()
    {
        var dll = typeof(SampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ClusterSamplePath").Value!;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output;
        var lines = text.Split('\n').Select(l => l.Trim()).ToArray();
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{text}\n{await error}");
        Assert.Contains(lines, l => l.EndsWith("silo B stopped; its orders wait for their reminders on silo A", StringComparison.Ordinal));
        Assert.Equal(24, lines.Count(l => l.StartsWith("order-", StringComparison.Ordinal) && l.Contains(": completed on silo A, steps Pick > Pack > Ship", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("refund-1: completed, paid = True", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("all 24 orders completed with each step in their store exactly once", StringComparison.Ordinal));
        var moved = lines.Single(l => l.Contains("orders executing on it", StringComparison.Ordinal));
        Assert.DoesNotContain("with 0 orders", moved, StringComparison.Ordinal);
    }
}
