using System;
using System.ComponentModel;
using System.Threading.Tasks;

namespace KayGraph;

/// <summary>
/// Adapters used by generated code to turn a user's phase result into the runtime's <see cref="ValueTask{TResult}"/> forms
/// without allocating when the phase completed synchronously. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedCodeSupport
{
    /// <summary>Awaits a phase that produces nothing and returns <see cref="Unit"/>.</summary>
    /// <param name="task">The phase's task.</param>
    /// <returns><see cref="Unit.Value"/> once <paramref name="task"/> completes.</returns>
    public static ValueTask<Unit> ToUnit(Task task)
    {
        if (task is null)
        {
            throw new ArgumentNullException(nameof(task));
        }

        if (task.Status == TaskStatus.RanToCompletion)
        {
            return default;
        }

        return Await(task);

        static async ValueTask<Unit> Await(Task pending)
        {
            await pending.ConfigureAwait(false);
            return default;
        }
    }

    /// <summary>Awaits a phase that produces nothing and returns <see cref="Unit"/>.</summary>
    /// <param name="task">The phase's task.</param>
    /// <returns><see cref="Unit.Value"/> once <paramref name="task"/> completes.</returns>
    public static ValueTask<Unit> ToUnit(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
            return default;
        }

        return Await(task);

        static async ValueTask<Unit> Await(ValueTask pending)
        {
            await pending.ConfigureAwait(false);
            return default;
        }
    }

    /// <summary>Awaits a post phase that returns nothing: the default action (<see langword="null"/>).</summary>
    /// <param name="task">The phase's task.</param>
    /// <returns><see langword="null"/> once <paramref name="task"/> completes.</returns>
    public static ValueTask<string?> ToDefaultAction(Task task)
    {
        if (task is null)
        {
            throw new ArgumentNullException(nameof(task));
        }

        if (task.Status == TaskStatus.RanToCompletion)
        {
            return default;
        }

        return Await(task);

        static async ValueTask<string?> Await(Task pending)
        {
            await pending.ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Awaits a post phase that returns nothing: the default action (<see langword="null"/>).</summary>
    /// <param name="task">The phase's task.</param>
    /// <returns><see langword="null"/> once <paramref name="task"/> completes.</returns>
    public static ValueTask<string?> ToDefaultAction(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
            return default;
        }

        return Await(task);

        static async ValueTask<string?> Await(ValueTask pending)
        {
            await pending.ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Runs a node or graph through its <see cref="INode{TShared}"/> implementation without a cast or boxing.</summary>
    /// <typeparam name="TNode">The node's type.</typeparam>
    /// <typeparam name="TShared">The shared store's type.</typeparam>
    /// <param name="node">The node.</param>
    /// <param name="shared">The shared store.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The node's action.</returns>
    public static ValueTask<string?> RunNodeAsync<TNode, TShared>(TNode node, TShared shared, NodeContext context)
        where TNode : INode<TShared>
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        return node.RunAsync(shared, context);
    }

    /// <summary>
    /// The fallback of a node that declares none: declines by handing back <paramref name="error"/> as a faulted task, without
    /// throwing it. Awaiting the task rethrows <paramref name="error"/> itself; the runtime recognizes it and lets exec's error
    /// leave with the stack trace of the failed attempt, with no frame of this (undeclared) fallback in it.
    /// </summary>
    /// <typeparam name="T">The phase's result type.</typeparam>
    /// <param name="error">The exception of the last attempt.</param>
    /// <returns>A task faulted with <paramref name="error"/>.</returns>
    public static ValueTask<T> Rethrow<T>(Exception error)
    {
        if (error is null)
        {
            throw new ArgumentNullException(nameof(error));
        }

        return new ValueTask<T>(Task.FromException<T>(error));
    }

    /// <summary>
    /// Releases a node its owner is done with (a generated graph's own nodes, a wrapped node): <see cref="IAsyncDisposable.DisposeAsync"/>
    /// when the node has it, else <see cref="IDisposable.Dispose"/>.
    /// </summary>
    /// <param name="node">The node (any object; one that is neither is left alone).</param>
    /// <returns>A task that completes when the node is released.</returns>
    public static ValueTask DisposeNodeAsync(object node)
    {
        switch (node)
        {
            case IAsyncDisposable asyncDisposable:
                return asyncDisposable.DisposeAsync();
            case IDisposable disposable:
                disposable.Dispose();
                return default;
            default:
                return default;
        }
    }

    /// <summary>The interrupt a node's exec asks through, bound to the node's run.</summary>
    /// <typeparam name="TRequest">What the node asks with.</typeparam>
    /// <typeparam name="TResponse">The answer it expects.</typeparam>
    /// <param name="context">The run's context.</param>
    /// <returns>The interrupt.</returns>
    public static Interrupt<TRequest, TResponse> CreateInterrupt<TRequest, TResponse>(NodeContext context) =>
        new(context ?? throw new ArgumentNullException(nameof(context)));
}
