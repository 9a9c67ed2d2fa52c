using KayGraph;

namespace KayGraph.Durable.Worker;

/// <summary>The store of the counting run: every step appends its number, so a step applied twice or lost shows.</summary>
public sealed class Tally
{
    public int Target { get; set; }

    public int Count { get; set; }

    public List<int> Seen { get; set; } = new();
}

/// <summary>One step of the count: a short wait (so a kill lands mid-node), then the store's change.</summary>
[Node]
[Next<Step>("again")]
[End("done")]
public partial class Step
{
    private async Task ExecAsync(CancellationToken cancellationToken) => await Task.Delay(2, cancellationToken);

    private string Post(Tally tally)
    {
        tally.Count++;
        tally.Seen.Add(tally.Count);
        return tally.Count < tally.Target ? "again" : "done";
    }
}

/// <summary>A loop of <see cref="Tally.Target"/> steps, checkpointed after each.</summary>
[Graph(typeof(Step), Durable = true)]
public partial class Counting;

/// <summary>The store of the review: who decided, and the trail of what ran.</summary>
public sealed class Review
{
    public string Draft { get; set; } = "";

    public List<string> Trail { get; set; } = new();
}

public sealed record Question(string Draft);

public sealed record Decision(bool Approved, string By);

[Node]
[Next<Decide>]
public partial class Write
{
    private void Post(Review review)
    {
        review.Draft = "draft by " + Environment.ProcessId;
        review.Trail.Add("write");
    }
}

[Node]
[Next<Ship>("approved")]
[End("rejected")]
public partial class Decide
{
    // Slow enough that two processes answering at once both read the suspended checkpoint before either writes.
    private async Task<string> PrepAsync(Review review, CancellationToken cancellationToken)
    {
        await Task.Delay(300, cancellationToken);
        return review.Draft;
    }

    private Decision Exec(string draft, Interrupt<Question, Decision> ask) => ask.Ask(new Question(draft));

    private Action Post(Review review, string draft, Decision decision)
    {
        review.Trail.Add((decision.Approved ? "approved by " : "rejected by ") + decision.By);
        return decision.Approved ? Action.Approved : Action.Rejected;
    }
}

/// <summary>A slow node, so that two processes resuming one run both reach the write of its step.</summary>
[Node]
public partial class Ship
{
    private async Task ExecAsync(CancellationToken cancellationToken) => await Task.Delay(400, cancellationToken);

    private void Post(Review review) => review.Trail.Add("ship " + Environment.ProcessId);
}

[Graph(typeof(Write), Durable = true)]
public partial class Approval;
