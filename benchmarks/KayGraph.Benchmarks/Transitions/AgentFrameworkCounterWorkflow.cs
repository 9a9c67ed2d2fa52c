using System;
using System.Threading;
using System.Threading.Tasks;
using KayGraph.Benchmarks.Counting;
using Microsoft.Agents.AI.Workflows;

namespace KayGraph.Benchmarks.Transitions;

/// <summary>
/// The counter loop as a Microsoft Agent Framework workflow: two executors, <c>ping</c> and <c>pong</c>, joined by an edge
/// each way. The shared store travels as the message: each executor reads the counter, adds one, writes it back, and either
/// sends the store on to the other executor (one superstep = one transition) or, at the limit, yields it as the workflow's
/// output. The workflow is built once; its executors are stateless and declared shareable across runs, and each benchmark
/// invocation is one run in an in-process execution environment: the default one, or lockstep (supersteps run on the
/// caller's thread).
/// </summary>
public sealed class AgentFrameworkCounterWorkflow
{
    private readonly Workflow _workflow;

    /// <summary>Builds the workflow.</summary>
    public AgentFrameworkCounterWorkflow()
    {
        var ping = new CounterExecutor("ping");
        var pong = new CounterExecutor("pong");
        _workflow = new WorkflowBuilder(ping)
            .AddEdge(ping, pong)
            .AddEdge(pong, ping)
            .WithOutputFrom(ping, pong)
            .Build();
    }

    /// <summary>Runs the workflow to its first halt (the limit) and checks that it reached it.</summary>
    /// <param name="store">The shared store, reset by the caller.</param>
    /// <param name="lockstep">Whether to use <see cref="InProcessExecution.Lockstep"/> instead of <see cref="InProcessExecution.Default"/>.</param>
    /// <returns>The counter's final value.</returns>
    public async Task<int> RunAsync(CounterStore store, bool lockstep = false)
    {
        var environment = lockstep ? InProcessExecution.Lockstep : InProcessExecution.Default;
        await using var run = await environment.RunAsync(_workflow, store).ConfigureAwait(false);
        var status = await run.GetStatusAsync().ConfigureAwait(false);
        if (store.Count != store.Limit)
        {
            throw new InvalidOperationException($"The workflow stopped at {store.Count} of {store.Limit} (status {status}).");
        }

        return store.Count;
    }

    /// <summary>
    /// One node: the shared counter step, then a message to the next executor or the workflow's output (both types declared,
    /// as the framework's protocol validation requires).
    /// </summary>
    [SendsMessage(typeof(CounterStore))]
    [YieldsOutput(typeof(CounterStore))]
    private sealed class CounterExecutor(string id) : Executor<CounterStore>(id, declareCrossRunShareable: true)
    {
        public override async ValueTask HandleAsync(CounterStore message, IWorkflowContext context, CancellationToken cancellationToken = default)
        {
            var prep = CounterStep.Read(message);
            var exec = CounterStep.AddOne(prep);
            if (CounterStep.WriteBack(message, exec))
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
