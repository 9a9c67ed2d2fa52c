using System.Threading.Tasks;
using KayGraph.Benchmarks.Counting;

namespace KayGraph.Benchmarks.Transitions.Dsl;

// The counter graph written in KayGraph's DSL: the generator emits the lifecycle glue, the Action enums and the graphs'
// switch-based runners. Two nodes loop to each other on "continue"; post returns Action.Default at the limit, which has no
// successor and so ends the graph.

/// <summary>The first node of the generated counter graph with synchronous phases.</summary>
[Node]
[Next<SyncPong>(CounterStep.Continue)]
public partial class SyncPing
{
    private int Prep(CounterStore shared) => CounterStep.Read(shared);

    private int Exec(int value) => CounterStep.AddOne(value);

    private Action Post(CounterStore shared, int prep, int exec) => CounterStep.WriteBack(shared, exec) ? Action.Continue : Action.Default;
}

/// <summary>The second node of the generated counter graph with synchronous phases.</summary>
[Node]
[Next<SyncPing>(CounterStep.Continue)]
public partial class SyncPong
{
    private int Prep(CounterStore shared) => CounterStep.Read(shared);

    private int Exec(int value) => CounterStep.AddOne(value);

    private Action Post(CounterStore shared, int prep, int exec) => CounterStep.WriteBack(shared, exec) ? Action.Continue : Action.Default;
}

/// <summary>The generated counter graph with synchronous phases.</summary>
[Graph(typeof(SyncPing))]
public partial class SyncCounterGraph;

/// <summary>The first node of the generated counter graph with asynchronous phases (completing synchronously).</summary>
[Node]
[Next<AsyncPong>(CounterStep.Continue)]
public partial class AsyncPing
{
    private ValueTask<int> PrepAsync(CounterStore shared) => new(CounterStep.Read(shared));

    private ValueTask<int> ExecAsync(int value) => new(CounterStep.AddOne(value));

    private ValueTask<Action> PostAsync(CounterStore shared, int prep, int exec) =>
        new(CounterStep.WriteBack(shared, exec) ? Action.Continue : Action.Default);
}

/// <summary>The second node of the generated counter graph with asynchronous phases (completing synchronously).</summary>
[Node]
[Next<AsyncPing>(CounterStep.Continue)]
public partial class AsyncPong
{
    private ValueTask<int> PrepAsync(CounterStore shared) => new(CounterStep.Read(shared));

    private ValueTask<int> ExecAsync(int value) => new(CounterStep.AddOne(value));

    private ValueTask<Action> PostAsync(CounterStore shared, int prep, int exec) =>
        new(CounterStep.WriteBack(shared, exec) ? Action.Continue : Action.Default);
}

/// <summary>The generated counter graph with asynchronous phases.</summary>
[Graph(typeof(AsyncPing))]
public partial class AsyncCounterGraph;
