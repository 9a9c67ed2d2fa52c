using System;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>Runs indexed work with a concurrency limit; the one implementation behind parallel batch nodes and graphs.</summary>
internal static class Concurrency
{
    /// <summary>
    /// Runs <paramref name="body"/> for every index in <c>[0, count)</c>, at most <paramref name="maxConcurrency"/> at a time.
    /// After the first failure no new index starts; the first failure is rethrown as itself.
    /// </summary>
    public static Task ForEachAsync(int count, int maxConcurrency, Func<int, Task> body)
    {
        if (count == 0)
        {
            return Task.CompletedTask;
        }

        var state = new State(count, body);
        var workers = Math.Min(maxConcurrency, count);
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            tasks[w] = Task.Run(state.WorkAsync);
        }

        return Task.WhenAll(tasks);
    }

    private sealed class State(int count, Func<int, Task> body)
    {
        private int _next = -1;
        private volatile bool _failed;

        public async Task WorkAsync()
        {
            while (!_failed)
            {
                var index = Interlocked.Increment(ref _next);
                if (index >= count)
                {
                    return;
                }

                try
                {
                    await body(index).ConfigureAwait(false);
                }
                catch
                {
                    _failed = true;
                    throw;
                }
            }
        }
    }
}
