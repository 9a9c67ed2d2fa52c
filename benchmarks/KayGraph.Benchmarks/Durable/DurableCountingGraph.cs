using System.Text.Json.Serialization;

namespace KayGraph.Benchmarks.Durable;

// The durable counting loop written in KayGraph's DSL: one node that loops to itself on "again" until the count reaches
// the target, in a graph with Durable = true, so the generator adds StartAsync/ResumeAsync and a checkpoint (the whole
// store as JSON, through the source-generated context below) is saved after every node's post.

/// <summary>The shared store of the durable benchmarks: a few fields, all of them saved at every step.</summary>
public sealed class DurableTally
{
    /// <summary>The number of steps the run takes.</summary>
    public int Target { get; set; }

    /// <summary>The steps taken so far.</summary>
    public int Count { get; set; }

    /// <summary>The sum of the step numbers (a second field that changes at every step).</summary>
    public long Sum { get; set; }

    /// <summary>A label that stays the same (a field the checkpoint carries along).</summary>
    public string Label { get; set; } = "";

    /// <summary>A new store for a run of <paramref name="target"/> steps.</summary>
    /// <param name="target">The number of steps.</param>
    /// <returns>The store.</returns>
    public static DurableTally Create(int target) => new() { Target = target, Label = "durable counting loop" };

    /// <summary>One step's change: count it, add it to the sum, and say whether the loop goes on.</summary>
    /// <param name="value">The new count.</param>
    /// <returns><see langword="true"/> while the target is still ahead.</returns>
    public bool Apply(int value)
    {
        Count = value;
        Sum += value;
        return value < Target;
    }
}

/// <summary>One step: prep reads the count, exec adds one, post writes it back and loops until the target.</summary>
[Node]
[Next<DurableTick>("again")]
[End("done")]
public partial class DurableTick
{
    private int Prep(DurableTally tally) => tally.Count;

    private int Exec(int count) => count + 1;

    private string Post(DurableTally tally, int prep, int exec) => tally.Apply(exec) ? "again" : "done";
}

/// <summary>The durable counting loop: <see cref="DurableTally.Target"/> steps, checkpointed after each.</summary>
[Graph(typeof(DurableTick), Durable = true, Json = typeof(DurableBenchmarkJson))]
public partial class DurableCountingGraph;

/// <summary>The source-generated JSON context of the durable benchmarks (KayGraph's checkpoints and Agent Framework's).</summary>
[JsonSerializable(typeof(DurableTally))]
public partial class DurableBenchmarkJson : JsonSerializerContext;
