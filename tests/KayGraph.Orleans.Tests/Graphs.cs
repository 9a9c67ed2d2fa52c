using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph.Orleans.Tests;

/// <summary>The shared store of <see cref="Journey"/>: each node appends its name in post, so a step applied twice shows.</summary>
public sealed class Trip
{
    public string Name { get; set; } = "";

    public int DelayMilliseconds { get; set; }

    public List<string> Steps { get; set; } = [];
}

/// <summary>Exec's outside effects: how many times each node's exec ran for each run (at-least-once).</summary>
public static class Effects
{
    private static readonly ConcurrentDictionary<string, int> s_execs = new();

    public static void Count(string run, string node) => s_execs.AddOrUpdate(run + "/" + node, 1, (_, n) => n + 1);

    public static int Of(string run, string node) => s_execs.GetValueOrDefault(run + "/" + node);
}

[Node]
[Next<Second>]
public partial class First
{
    private Trip Prep(Trip trip) => trip;

    private async Task ExecAsync(Trip trip, CancellationToken cancellationToken)
    {
        Effects.Count(trip.Name, nameof(First));
        await Task.Delay(trip.DelayMilliseconds, cancellationToken);
    }

    private void Post(Trip trip) => trip.Steps.Add(nameof(First));
}

[Node]
[Next<Third>]
public partial class Second
{
    private Trip Prep(Trip trip) => trip;

    private async Task ExecAsync(Trip trip, CancellationToken cancellationToken)
    {
        Effects.Count(trip.Name, nameof(Second));
        await Task.Delay(trip.DelayMilliseconds, cancellationToken);
    }

    private void Post(Trip trip) => trip.Steps.Add(nameof(Second));
}

[Node]
[Next<Fourth>]
public partial class Third
{
    private Trip Prep(Trip trip) => trip;

    private async Task ExecAsync(Trip trip, CancellationToken cancellationToken)
    {
        Effects.Count(trip.Name, nameof(Third));
        await Task.Delay(trip.DelayMilliseconds, cancellationToken);
    }

    private void Post(Trip trip) => trip.Steps.Add(nameof(Third));
}

[Node]
public partial class Fourth
{
    private Trip Prep(Trip trip) => trip;

    private async Task ExecAsync(Trip trip, CancellationToken cancellationToken)
    {
        Effects.Count(trip.Name, nameof(Fourth));
        await Task.Delay(trip.DelayMilliseconds, cancellationToken);
    }

    private void Post(Trip trip) => trip.Steps.Add(nameof(Fourth));
}

/// <summary>Four slow nodes in a row: steps 0 (start) to 4 (completed).</summary>
[Graph(typeof(First), Durable = true)]
public partial class Journey;

/// <summary>The shared store of <see cref="Approval"/>.</summary>
public sealed class Doc
{
    public string Title { get; set; } = "";

    public string? Note { get; set; }

    public bool Published { get; set; }
}

public sealed record ReviewRequest(string Title);

public sealed record Verdict(bool Approved, string Note);

[Node]
[Next<Publish>("approved")]
[End("rejected")]
public partial class Review
{
    private ReviewRequest Prep(Doc doc) => new(doc.Title);

    private Verdict Exec(ReviewRequest request, Interrupt<ReviewRequest, Verdict> reviewer) => reviewer.Ask(request);

    private string Post(Doc doc, ReviewRequest request, Verdict verdict)
    {
        doc.Note = verdict.Note;
        return verdict.Approved ? "approved" : "rejected";
    }
}

[Node]
public partial class Publish
{
    private void Post(Doc doc) => doc.Published = true;
}

/// <summary>Asks a reviewer, then publishes.</summary>
[Graph(typeof(Review), Durable = true)]
public partial class Approval;

/// <summary>An outside service that a test switches off and on.</summary>
public static class Outage
{
    public static volatile bool Active;
}

/// <summary>The shared store of <see cref="Flaky"/>.</summary>
public sealed class Attempt
{
    public List<string> Steps { get; set; } = [];
}

[Node]
[Next<Call>]
public partial class Prepare
{
    private void Post(Attempt attempt) => attempt.Steps.Add(nameof(Prepare));
}

[Node]
public partial class Call
{
    private void Exec()
    {
        if (Outage.Active)
        {
            throw new System.Net.Http.HttpRequestException("The service is down.");
        }
    }

    private void Post(Attempt attempt) => attempt.Steps.Add(nameof(Call));
}

/// <summary>Prepares, then calls a service that fails during an <see cref="Outage"/>.</summary>
[Graph(typeof(Prepare), Durable = true)]
public partial class Flaky;
