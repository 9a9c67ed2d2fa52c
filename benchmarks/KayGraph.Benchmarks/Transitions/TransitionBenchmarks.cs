using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using KayGraph.Benchmarks.Counting;
using KayGraph.Benchmarks.Reporting;

namespace KayGraph.Benchmarks.Transitions;

/// <summary>
/// Per-transition overhead and allocation of the counter graph, side by side: the hand-written loop (the floor, the
/// baseline of each category), KayGraph's runtime API, the generated graph, Stateless and Microsoft Agent Framework
/// workflows. One invocation is one graph run of <see cref="Workload.Transitions"/> node runs, so BenchmarkDotNet reports
/// time and bytes per transition. Category <c>Sync</c> uses nodes whose phases are synchronous methods; <c>Async</c> uses
/// phases shaped as asynchronous methods that complete synchronously (the cost of the async shape, not of I/O).
/// </summary>
[Config(typeof(TransitionConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public partial class TransitionBenchmarks
{
    private const string Sync = "Sync";
    private const string Async = "Async";

    private readonly CounterStore _store = new(Workload.Transitions);
    private AsyncGraph<CounterStore> _runtimeSyncGraph = null!;
    private AsyncGraph<CounterStore> _runtimeAsyncGraph = null!;
    private (INode<CounterStore> Ping, INode<CounterStore> Pong) _runtimeNodes;
    private NodeContext _context = null!;
    private (ExecutorBreakdown.ClassNode Ping, ExecutorBreakdown.ClassNode Pong) _classNodes;
    private (ExecutorBreakdown.StructNode Ping, ExecutorBreakdown.StructNode Pong) _structNodes;
    private StatelessCounterMachine _stateless = null!;
    private AgentFrameworkCounterWorkflow _agentFramework = null!;

    /// <summary>Builds every graph once; the benchmarks measure runs only.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _runtimeSyncGraph = RuntimeApiCounterGraph.CreateSync();
        _runtimeAsyncGraph = RuntimeApiCounterGraph.CreateAsync();
        _runtimeNodes = RuntimeApiCounterGraph.CreateSyncNodes();
        _context = new NodeContext();
        _classNodes = (new ExecutorBreakdown.ClassNode("ping"), new ExecutorBreakdown.ClassNode("pong"));
        _structNodes = (new ExecutorBreakdown.StructNode("ping"), new ExecutorBreakdown.StructNode("pong"));
        _stateless = new StatelessCounterMachine();
        _agentFramework = new AgentFrameworkCounterWorkflow();
        SetupGenerated();
    }

    /// <summary>Checks, after the measurements, that the last run really went all the way to the limit.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_store.Count != _store.Limit)
        {
            throw new InvalidOperationException($"The last run stopped at {_store.Count} instead of {_store.Limit}.");
        }
    }

    /// <summary>The floor: the three phases called directly in a loop.</summary>
    /// <returns>The number of node runs.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Sync)]
    public int HandWrittenLoop()
    {
        _store.Reset();
        return HandWrittenCounterLoop.Run(_store);
    }

    /// <summary>Runtime API: <see cref="Node{TShared, TPrep, TExec}"/> subclasses in an <see cref="AsyncGraph{TShared}"/>.</summary>
    /// <returns>The last action.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Sync)]
    public ValueTask<string?> RuntimeApiGraph()
    {
        _store.Reset();
        return _runtimeSyncGraph.RunAsync(_store);
    }

    /// <summary>
    /// A breakdown, not a contender: the same runtime-API nodes run through the executor in a plain loop, without a graph,
    /// so the difference to <see cref="RuntimeApiGraph"/> is the graph's dispatch.
    /// </summary>
    /// <returns>The number of node runs.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Sync)]
    public int RuntimeApiNodesWithoutGraph()
    {
        _store.Reset();
        return RuntimeApiCounterGraph.RunNodesWithoutGraph(_runtimeNodes.Ping, _runtimeNodes.Pong, _store, _context);
    }

    /// <summary>
    /// A breakdown, not a contender: a sealed class implementing the node lifecycle directly (the shape of a generated node)
    /// run through the executor in a plain loop, without a graph.
    /// </summary>
    /// <returns>The number of node runs.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Sync)]
    public int ExecutorOnlyClassNode()
    {
        _store.Reset();
        return ExecutorBreakdown.Run(_classNodes.Ping, _classNodes.Pong, _store, _context);
    }

    /// <summary>A breakdown, not a contender: the same lifecycle as a struct, for which the executor's generic code is specialized.</summary>
    /// <returns>The number of node runs.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Sync)]
    public int ExecutorOnlyStructNode()
    {
        _store.Reset();
        return ExecutorBreakdown.Run(_structNodes.Ping, _structNodes.Pong, _store, _context);
    }

    /// <summary>Stateless: the loop fires each transition with <c>Fire</c>.</summary>
    /// <returns>The number of node runs.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Sync)]
    public int StatelessFire()
    {
        _store.Reset();
        return _stateless.Run(_store);
    }

    /// <summary>The floor for asynchronous phases: each phase awaited directly in a loop.</summary>
    /// <returns>The number of node runs.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Async)]
    public ValueTask<int> HandWrittenLoopAsync()
    {
        _store.Reset();
        return HandWrittenCounterLoop.RunAsync(_store);
    }

    /// <summary>Runtime API: <see cref="AsyncNode{TShared, TPrep, TExec}"/> subclasses in an <see cref="AsyncGraph{TShared}"/>.</summary>
    /// <returns>The last action.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Async)]
    public ValueTask<string?> RuntimeApiGraphAsync()
    {
        _store.Reset();
        return _runtimeAsyncGraph.RunAsync(_store);
    }

    /// <summary>Stateless: the loop fires each transition with <c>FireAsync</c>.</summary>
    /// <returns>The number of node runs.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Async)]
    public Task<int> StatelessFireAsync()
    {
        _store.Reset();
        return _stateless.RunAsync(_store);
    }

    /// <summary>Microsoft Agent Framework: one workflow run over the two executors, in the default in-process environment.</summary>
    /// <returns>The counter's final value.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Async)]
    public Task<int> AgentFrameworkWorkflow()
    {
        _store.Reset();
        return _agentFramework.RunAsync(_store);
    }

    /// <summary>Microsoft Agent Framework: one workflow run in the lockstep in-process environment.</summary>
    /// <returns>The counter's final value.</returns>
    [Benchmark(OperationsPerInvoke = Workload.Transitions)]
    [BenchmarkCategory(Async)]
    public Task<int> AgentFrameworkWorkflowLockstep()
    {
        _store.Reset();
        return _agentFramework.RunAsync(_store, lockstep: true);
    }

    /// <summary>The generated-graph contenders for the <c>verify</c> mode; empty while the generator's output is not part of the build.</summary>
    /// <returns>Named runs.</returns>
    internal static IEnumerable<(string Name, Func<CounterStore, Task> Run)> GeneratedContenders()
    {
        var contenders = new List<(string Name, Func<CounterStore, Task> Run)>();
        AddGeneratedContenders(contenders);
        return contenders;
    }

    /// <summary>Builds the generated graphs (a no-op while the generator's output is not part of the build).</summary>
    partial void SetupGenerated();

    static partial void AddGeneratedContenders(List<(string Name, Func<CounterStore, Task> Run)> contenders);
}
