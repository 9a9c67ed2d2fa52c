using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit.Sdk;

namespace KayGraph.Tests.Support;

/// <summary>Waits (briefly, polling) for a condition that another thread makes true.</summary>
public static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after a generous timeout.</summary>
    public static async Task True(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Timeout)
            {
                throw new XunitException($"Timed out waiting for: {what}");
            }

            await Task.Delay(1);
        }
    }
}
