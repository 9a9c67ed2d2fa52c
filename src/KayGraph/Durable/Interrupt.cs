using System;

namespace KayGraph;

/// <summary>
/// A question for a person (or another system) that a node's exec asks during a durable run. Declare it as a parameter of
/// exec, placed like the token: <c>Verdict Exec(string draft, Interrupt&lt;ReviewRequest, Verdict&gt; review)</c>.
/// </summary>
/// <remarks>
/// <see cref="Ask"/> returns the answer when the run was resumed with one for this node; otherwise the run suspends: it
/// saves a checkpoint with the node and the request, and <c>StartAsync</c>/<c>ResumeAsync</c> return
/// <see cref="RunStatus.Suspended"/>. Resumed with the answer, the node runs again from prep and <see cref="Ask"/> returns it.
/// One question per node visit; a loop back to the node asks again. A suspension is not a failure: no retry, no fallback,
/// no error hook.
/// </remarks>
/// <typeparam name="TRequest">What the node asks with (serialized into the checkpoint).</typeparam>
/// <typeparam name="TResponse">The answer it expects.</typeparam>
public sealed class Interrupt<TRequest, TResponse>
{
    private readonly NodeContext _context;

    internal Interrupt(NodeContext context)
    {
        _context = context;
    }

    /// <summary>Asks <paramref name="request"/>: returns the answer this run was resumed with, or suspends the run.</summary>
    /// <param name="request">The question.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="InvalidOperationException">The graph runs in memory (<c>RunAsync</c>), not as a durable run; or the node asks twice in one visit.</exception>
    public TResponse Ask(TRequest request)
    {
        var run = _context.Durable ?? throw new InvalidOperationException(
            $"Node '{_context.NodeId}' asks for input ({typeof(TRequest).Name} → {typeof(TResponse).Name}), which needs a durable run: declare the graph with [Graph(..., Durable = true)] and start it with StartAsync(runId, shared, store) instead of RunAsync.");
        return run.Ask<TRequest, TResponse>(request);
    }
}
