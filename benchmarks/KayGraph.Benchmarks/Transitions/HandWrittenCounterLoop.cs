using System.Threading.Tasks;
using KayGraph.Benchmarks.Counting;

namespace KayGraph.Benchmarks.Transitions;

/// <summary>
/// The floor: a loop that calls the three phases of two alternating nodes directly, with a <c>switch</c> as dispatch — what
/// a developer would write by hand without any framework.
/// </summary>
public static class HandWrittenCounterLoop
{
    /// <summary>Runs the loop synchronously until the store's limit.</summary>
    /// <param name="store">The shared store.</param>
    /// <returns>The number of node runs.</returns>
    public static int Run(CounterStore store)
    {
        var node = 0;
        var runs = 0;
        while (true)
        {
            runs++;
            var prep = CounterStep.Read(store);
            var exec = CounterStep.AddOne(prep);
            if (!CounterStep.WriteBack(store, exec))
            {
                return runs;
            }

            node = node switch
            {
                0 => 1,
                _ => 0,
            };
        }
    }

    /// <summary>
    /// Runs the loop with phases shaped as asynchronous methods (<see cref="ValueTask{TResult}"/>, completing synchronously),
    /// awaiting each: the floor for asynchronous nodes.
    /// </summary>
    /// <param name="store">The shared store.</param>
    /// <returns>The number of node runs.</returns>
    public static async ValueTask<int> RunAsync(CounterStore store)
    {
        var node = 0;
        var runs = 0;
        while (true)
        {
            runs++;
            var prep = await PrepAsync(store).ConfigureAwait(false);
            var exec = await ExecAsync(prep).ConfigureAwait(false);
            if (!await PostAsync(store, exec).ConfigureAwait(false))
            {
                return runs;
            }

            node = node switch
            {
                0 => 1,
                _ => 0,
            };
        }
    }

    private static ValueTask<int> PrepAsync(CounterStore store) => new(CounterStep.Read(store));

    private static ValueTask<int> ExecAsync(int prep) => new(CounterStep.AddOne(prep));

    private static ValueTask<bool> PostAsync(CounterStore store, int exec) => new(CounterStep.WriteBack(store, exec));
}
