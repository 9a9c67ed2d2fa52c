using KayGraph;

namespace ClusterSample;

/// <summary>The shared store: an order, and the steps taken for it (each appended once, whatever happens to the silos).</summary>
public sealed class Order
{
    public string Id { get; set; } = "";

    public List<string> Steps { get; set; } = new();
}

/// <summary>How often each node's exec ran per order: exec's outside effects are at-least-once.</summary>
public static class Execs
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> s_counts = new();

    public static void Count(string order, string node) => s_counts.AddOrUpdate(order + "/" + node, 1, (_, n) => n + 1);

    public static int Of(string order, string node) => s_counts.GetValueOrDefault(order + "/" + node);
}

[Node]
[Next<Pack>]
public partial class Pick
{
    private string Prep(Order order) => order.Id;

    private async Task ExecAsync(string id, CancellationToken cancellationToken)
    {
        Execs.Count(id, nameof(Pick));
        await Task.Delay(400, cancellationToken);
    }

    private void Post(Order order) => order.Steps.Add(nameof(Pick));
}

[Node]
[Next<Ship>]
public partial class Pack
{
    private string Prep(Order order) => order.Id;

    private async Task ExecAsync(string id, CancellationToken cancellationToken)
    {
        Execs.Count(id, nameof(Pack));
        await Task.Delay(400, cancellationToken);
    }

    private void Post(Order order) => order.Steps.Add(nameof(Pack));
}

[Node]
public partial class Ship
{
    private string Prep(Order order) => order.Id;

    private async Task ExecAsync(string id, CancellationToken cancellationToken)
    {
        Execs.Count(id, nameof(Ship));
        await Task.Delay(400, cancellationToken);
    }

    private void Post(Order order) => order.Steps.Add(nameof(Ship));
}

/// <summary>Pick, pack, ship: about 1.2 s per order.</summary>
[Graph(typeof(Pick), Durable = true)]
public partial class Fulfilment;

/// <summary>A refund waits for a person.</summary>
public sealed class Refund
{
    public string Order { get; set; } = "";

    public bool Paid { get; set; }
}

public sealed record RefundRequest(string Order);

public sealed record Decision(bool Approved);

[Node]
[Next<Pay>("approved")]
[End("declined")]
public partial class Approve
{
    private RefundRequest Prep(Refund refund) => new(refund.Order);

    private Decision Exec(RefundRequest request, Interrupt<RefundRequest, Decision> person) => person.Ask(request);

    private string Post(Refund refund, RefundRequest request, Decision decision) => decision.Approved ? "approved" : "declined";
}

[Node]
public partial class Pay
{
    private void Post(Refund refund) => refund.Paid = true;
}

[Graph(typeof(Approve), Durable = true)]
public partial class RefundFlow;
