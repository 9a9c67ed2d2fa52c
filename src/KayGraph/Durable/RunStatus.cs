namespace KayGraph;

/// <summary>The state of a durable run, as its latest checkpoint records it.</summary>
public enum RunStatus
{
    /// <summary>The run is going on (or its process stopped while it was): <c>ResumeAsync</c> continues it.</summary>
    Running,

    /// <summary>The run finished; resuming it returns its result and runs nothing.</summary>
    Completed,

    /// <summary>The run waits for an answer to an interrupt; <c>ResumeAsync(runId, answer, ...)</c> continues it.</summary>
    Suspended,

    /// <summary>A node failed; the checkpoint keeps the last good store and the failed node, which <c>ResumeAsync</c> runs again.</summary>
    Failed,
}
