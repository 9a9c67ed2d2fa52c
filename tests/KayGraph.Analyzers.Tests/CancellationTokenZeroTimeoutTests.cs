using System.Threading.Tasks;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.CancellationTokenNotPassedAnalyzer>;

namespace KayGraph.Analyzers.Tests;

/// <summary>KG1004 and zero timeouts: a call that returns at once with a zero timeout gains nothing from a token.</summary>
public sealed class CancellationTokenZeroTimeoutTests
{
    [Fact]
    public Task Zero_timeout_probes_are_not_reported() => Verify.VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Threading.Channels;

        [Node]
        public partial class Probe
        {
            private const int NoWait = 0;
            private static readonly TimeSpan Never = TimeSpan.Zero;

            async Task<int> ExecAsync(SemaphoreSlim semaphore, Task pending, BlockingCollection<int> queue, ChannelReader<int> reader, CancellationToken ct)
            {
                int hits = 0;
                if (await semaphore.WaitAsync(0)) hits++;
                if (await semaphore.WaitAsync(TimeSpan.Zero)) hits++;
                if (await semaphore.WaitAsync(NoWait)) hits++;
                if (await semaphore.WaitAsync(millisecondsTimeout: 0)) hits++;
                if (await semaphore.WaitAsync(TimeSpan.FromMilliseconds(0))) hits++;
                if (await semaphore.WaitAsync(default(TimeSpan))) hits++;
                if (semaphore.Wait(0)) hits++;
                if (semaphore.Wait(TimeSpan.Zero)) hits++;
                if (pending.Wait(0)) hits++;
                await pending.WaitAsync(TimeSpan.Zero);
                await Task.Delay(0);
                await Task.Delay(TimeSpan.Zero);
                if (queue.TryTake(out int item, 0)) hits += item;
                if (queue.TryAdd(1, NoWait)) hits++;
                if (Monitor.TryEnter(semaphore, 0)) hits++;
                if (reader.TryRead(out int read)) hits += read;
                return hits;
            }
        }
        """);

    [Fact]
    public Task Sync_phases_skip_zero_timeouts_too() => Verify.VerifyAsync("""
        [Node]
        public partial class Probe
        {
            bool Exec(ManualResetEventSlim signal, CountdownEvent countdown, CancellationToken ct) => signal.Wait(0) && countdown.Wait(TimeSpan.Zero);
        }
        """);

    [Fact]
    public Task Non_zero_and_unknown_timeouts_are_reported_on_the_call() => Verify.VerifyAsync("""
        [Node]
        public partial class Probe
        {
            private const int Short = 10;

            async Task<int> ExecAsync(SemaphoreSlim semaphore, int timeout, TimeSpan wait, CancellationToken ct)
            {
                int hits = 0;
                if (await [|semaphore.WaitAsync(100)|]) hits++;
                if (await [|semaphore.WaitAsync(Short)|]) hits++;
                if (await [|semaphore.WaitAsync(timeout)|]) hits++;
                if (await [|semaphore.WaitAsync(wait)|]) hits++;
                if (await [|semaphore.WaitAsync(TimeSpan.FromSeconds(1))|]) hits++;
                if (await [|semaphore.WaitAsync(-1)|]) hits++;
                await [|semaphore.WaitAsync()|];
                await [|Task.Delay(1)|];
                await [|Task.Delay(TimeSpan.FromMilliseconds(timeout))|];
                return hits;
            }

            bool Exec(ManualResetEventSlim signal, CancellationToken ct) => [|signal.Wait(5)|];
        }
        """);
}
