using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KayGraph.Hosting.Internal;

/// <summary>
/// Starts and stops the hosted graphs with the host: at start each graph is created once (a node the services cannot create
/// fails the start, naming it) and the runs that were going when the host stopped are resumed in the background; at stop
/// the executing runs are cancelled, and each stays at its last checkpoint for the next start.
/// </summary>
internal sealed partial class KayGraphHostedService(GraphCatalog catalog, ICheckpointStore store, IOptions<KayGraphOptions> options, ILogger<KayGraphHostedService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _resuming = Task.CompletedTask;
    private bool _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var graph in catalog.All)
        {
            graph.Initialize();
        }

        if (store is InMemoryCheckpointStore && catalog.All.Any())
        {
            LogInMemory(logger);
        }

        if (options.Value.ResumeOnStart)
        {
            _resuming = Task.Run(ResumeAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed))
        {
            return; // the container was disposed before the host was stopped: nothing runs any more
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _resuming.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(catalog.All.Select(g => g.StopAsync(cancellationToken))).ConfigureAwait(false);
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        _stopping.Dispose();
    }

    private async Task ResumeAsync()
    {
        foreach (var graph in catalog.All)
        {
            try
            {
                var count = await graph.ResumeInterruptedAsync(_stopping.Token).ConfigureAwait(false);
                if (count > 0)
                {
                    LogResumed(logger, count, graph.GraphId);
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogResumeFailed(logger, error, graph.GraphId);
            }
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Resumed {Count} run(s) of graph '{Graph}' that were going when the host stopped.")]
    private static partial void LogResumed(ILogger logger, int count, string graph);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Could not list the interrupted runs of graph '{Graph}' in the checkpoint store.")]
    private static partial void LogResumeFailed(ILogger logger, Exception error, string graph);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "KayGraph keeps checkpoints in memory: runs do not survive this process. Add a durable store, e.g. AddKayGraph().AddSqliteCheckpoints(\"Data Source=runs.db\").")]
    private static partial void LogInMemory(ILogger logger);
}
