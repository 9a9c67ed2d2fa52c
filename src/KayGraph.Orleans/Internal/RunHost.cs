using System;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;

namespace KayGraph.Orleans.Internal;

/// <summary>
/// The silo's side of every run it executes: a token cancelled as soon as the silo starts to stop (gracefully or not), so
/// that its runs stop at their last checkpoint instead of going on in a silo that the cluster no longer counts.
/// </summary>
internal sealed class RunHost : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Stopping => _stopping.Token;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(RunHost),
            ServiceLifecycleStage.Active,
            _ => Task.CompletedTask,
            async _ => await _stopping.CancelAsync().ConfigureAwait(false));

    public void Dispose() => _stopping.Dispose();
}
