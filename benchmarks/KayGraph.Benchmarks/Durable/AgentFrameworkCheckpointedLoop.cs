using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Agents.AI.Workflows.Checkpointing;

namespace KayGraph.Benchmarks.Durable;

/// <summary>
/// The durable counting loop as a Microsoft Agent Framework workflow with checkpointing on: one executor with an edge to
/// itself, the store travelling as the message (one superstep per step, as in the transition benchmarks), run with a
/// <see cref="CheckpointManager"/> over a <see cref="FileSystemJsonCheckpointStore"/>, which writes one JSON file per
/// checkpoint (one per superstep) into a directory and appends it to an index file. The workflow and the store are built
/// once; each run has its own session id.
/// </summary>
public sealed class AgentFrameworkCheckpointedLoop : IDisposable
{
    private readonly Workflow _workflow;
    private readonly FileSystemJsonCheckpointStore _files;
    private readonly CheckpointManager _checkpoints;

    /// <summary>Builds the workflow and opens the checkpoint directory.</summary>
    /// <param name="directory">Where the checkpoint files go (the store holds it exclusively).</param>
    public AgentFrameworkCheckpointedLoop(DirectoryInfo directory)
    {
        var tick = new TickExecutor("tick");
        _workflow = new WorkflowBuilder(tick)
            .AddEdge(tick, tick)
            .WithOutputFrom(tick)
            .Build();
        _files = new FileSystemJsonCheckpointStore(directory);
        var json = new JsonSerializerOptions { TypeInfoResolver = DurableBenchmarkJson.Default };
        _checkpoints = CheckpointManager.CreateJson(_files, json);
    }

    /// <summary>Runs the loop to its first halt (the target) as session <paramref name="sessionId"/>.</summary>
    /// <param name="tally">A new store.</param>
    /// <param name="sessionId">A session id not used before.</param>
    /// <returns>The final count and the number of checkpoints the run committed.</returns>
    public async Task<(int Count, int Checkpoints)> RunAsync(DurableTally tally, string sessionId)
    {
        await using var run = await InProcessExecution.RunAsync(_workflow, tally, _checkpoints, sessionId).ConfigureAwait(false);
        var status = await run.GetStatusAsync().ConfigureAwait(false);
        if (tally.Count != tally.Target)
        {
            throw new InvalidOperationException($"The workflow stopped at {tally.Count} of {tally.Target} (status {status}).");
        }

        return (tally.Count, run.Checkpoints.Count);
    }

    /// <summary>Closes the checkpoint store's index file.</summary>
    public void Dispose() => _files.Dispose();

    /// <summary>One step: the count, then the store to itself or, at the target, as the workflow's output.</summary>
    [SendsMessage(typeof(DurableTally))]
    [YieldsOutput(typeof(DurableTally))]
    private sealed class TickExecutor(string id) : Executor<DurableTally>(id, declareCrossRunShareable: true)
    {
        public override async ValueTask HandleAsync(DurableTally message, IWorkflowContext context, CancellationToken cancellationToken = default)
        {
            if (message.Apply(message.Count + 1))
            {
                await context.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await context.YieldOutputAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
