using System;
using System.Collections.Generic;
using System.Linq;

namespace KayGraph;

/// <summary>What a durable run's nodes see of it: the current position and the answer the run was resumed with.</summary>
internal sealed class DurableRunState
{
    private IReadOnlyList<string>? _answerPath;
    private object? _answer;
    private bool _asked;

    public IReadOnlyList<string> CurrentPath { get; private set; } = Array.Empty<string>();

    /// <summary>Enters a node visit: one question per visit.</summary>
    public void Enter(IReadOnlyList<string> path)
    {
        CurrentPath = path;
        _asked = false;
    }

    /// <summary>The answer the next visit of <paramref name="path"/> gets from its interrupt.</summary>
    public void Answer(IReadOnlyList<string> path, object? answer)
    {
        _answerPath = path;
        _answer = answer;
    }

    public TResponse Ask<TRequest, TResponse>(TRequest request)
    {
        if (_asked)
        {
            throw new InvalidOperationException($"Node '{string.Join("/", CurrentPath)}' asks a second question in one visit; a node asks once per visit (a loop back to it asks again).");
        }

        _asked = true;
        if (_answerPath is not null && _answerPath.SequenceEqual(CurrentPath, StringComparer.Ordinal))
        {
            var answer = _answer;
            _answerPath = null;
            _answer = null;
            if (answer is TResponse typed)
            {
                return typed;
            }

            if (answer is null && default(TResponse) is null)
            {
                return default!;
            }

            throw new InvalidOperationException($"Node '{string.Join("/", CurrentPath)}' expects an answer of type '{typeof(TResponse).FullName}', not '{answer?.GetType().FullName ?? "null"}'.");
        }

        throw new RunSuspendedException(CurrentPath, request, typeof(TRequest), typeof(TResponse));
    }
}

/// <summary>Raised by <see cref="Interrupt{TRequest, TResponse}.Ask"/> to suspend a durable run; never a failure.</summary>
internal sealed class RunSuspendedException : Exception
{
    public RunSuspendedException(IReadOnlyList<string> nodePath, object? request, Type requestType, Type answerType)
        : base($"Node '{string.Join("/", nodePath)}' waits for an answer of type '{answerType.Name}'.")
    {
        NodePath = nodePath;
        Request = request;
        RequestType = requestType;
        AnswerType = answerType;
    }

    public IReadOnlyList<string> NodePath { get; }

    public object? Request { get; }

    public Type RequestType { get; }

    public Type AnswerType { get; }
}
