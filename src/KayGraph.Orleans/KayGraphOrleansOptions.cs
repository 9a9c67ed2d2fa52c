using System;

namespace KayGraph.Orleans;

/// <summary>How the run grains of a silo execute and watch over their runs.</summary>
public sealed class KayGraphOrleansOptions
{
    /// <summary>
    /// The period of the reminder a run grain keeps while its run is running (default one minute, Orleans' minimum unless
    /// <c>ReminderOptions.MinimumReminderPeriod</c> is lowered): after its silo dies, a run goes on within about this long
    /// once the cluster has declared the silo dead. Each tick also keeps the executing grain from being collected as idle:
    /// keep the period below Orleans' <c>GrainCollectionOptions.CollectionAge</c> (15 minutes by default).
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many events of a run's current stretch its grain keeps for readers (default 1000; older ones are dropped).</summary>
    public int EventLimit { get; set; } = 1000;

    /// <summary>
    /// How long a deactivating grain (or a stopping silo) waits for its run to stop at its last checkpoint after cancelling it
    /// (default 10 seconds). A node that ignores its cancellation token is left behind: its next checkpoint is refused.
    /// </summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An action without a successor fails the run (<see cref="UnknownActionException"/>) instead of ending the graph with a warning.</summary>
    public bool StrictActions { get; set; }
}
