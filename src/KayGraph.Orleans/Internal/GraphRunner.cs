using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace KayGraph.Orleans.Internal;

/// <summary>
/// One registered durable graph, as the grains and the client use it without knowing its types: its id and JSON options
/// (read once off a probe instance), and how to start, resume and answer one of its runs on a new instance.
/// </summary>
internal abstract class GraphRunner
{
    public abstract Type GraphType { get; }

    public abstract Type SharedType { get; }

    public abstract string GraphId { get; }

    public abstract JsonSerializerOptions Json { get; }

    /// <summary>A request or answer type of the graph's interrupts, by full name.</summary>
    public abstract Type? FindType(string fullName);

    /// <summary>Runs one stretch of a run on a new graph instance from <paramref name="services"/>, yielding its events.</summary>
    public abstract IAsyncEnumerable<GraphEvent> RunAsync(IServiceProvider services, RunCommand command, ICheckpointStore store, RunOptions options, CancellationToken cancellationToken);

    public static GraphRunner Create(Type graphType, IServiceProvider services)
    {
        var durable = graphType.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDurableGraph<>))
            ?? throw new InvalidOperationException($"'{graphType.FullName}' is not a durable graph: declare it with [Graph(..., Durable = true)].");
        var shared = durable.GetGenericArguments()[0];
        var runner = typeof(GraphRunner<,>).MakeGenericType(graphType, shared);
        return (GraphRunner)Activator.CreateInstance(runner, services)!;
    }
}

/// <summary>What a stretch of a run does: start it, resume it, or answer its question.</summary>
/// <param name="Kind">Which.</param>
/// <param name="RunId">The run.</param>
/// <param name="Json">The shared store (start) or the answer (answer), as the graph's JSON.</param>
/// <param name="AnswerType">The answer's type (answer).</param>
internal sealed record RunCommand(RunCommandKind Kind, string RunId, string? Json = null, Type? AnswerType = null);

internal enum RunCommandKind
{
    Start,
    Resume,
    Answer,
}

internal sealed class GraphRunner<TGraph, TShared> : GraphRunner
    where TGraph : class, IDurableGraph<TShared>
{
    private readonly ConstructorInfo _constructor;
    private readonly TGraph _probe;

    public GraphRunner(IServiceProvider services)
    {
        _constructor = typeof(TGraph).GetConstructor([typeof(IServiceProvider)])
            ?? throw new InvalidOperationException($"Graph '{typeof(TGraph).FullName}' has no constructor taking an IServiceProvider: is it a generated [Graph(..., Durable = true)] class?");
        using var scope = services.CreateScope();
        _probe = Create(scope.ServiceProvider);
        Json = _probe.SerializerOptions
            ?? throw new InvalidOperationException($"Graph '{typeof(TGraph).FullName}' is not durable: declare it with [Graph(..., Durable = true)].");
    }

    public override Type GraphType => typeof(TGraph);

    public override Type SharedType => typeof(TShared);

    public override string GraphId => _probe.GraphId;

    public override JsonSerializerOptions Json { get; }

    public override Type? FindType(string fullName) => _probe.FindType(fullName);

    public override async IAsyncEnumerable<GraphEvent> RunAsync(IServiceProvider services, RunCommand command, ICheckpointStore store, RunOptions options, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var graph = Create(scope.ServiceProvider);
            var scoped = new RunOptions { Logger = options.Logger, TimeProvider = options.TimeProvider, StrictActions = options.StrictActions, Services = scope.ServiceProvider };
            try
            {
                var events = command.Kind switch
                {
                    RunCommandKind.Start => DurableRuntime.StartStreamingAsync<TGraph, TShared>(graph, command.RunId, (TShared)JsonSerializer.Deserialize(command.Json!, Json.GetTypeInfo(typeof(TShared)))!, store, scoped, Json, cancellationToken),
                    RunCommandKind.Resume => DurableRuntime.ResumeStreamingAsync<TGraph, TShared>(graph, command.RunId, store, scoped, Json, cancellationToken),
                    _ => DurableRuntime.AnswerStreamingAsync<TGraph, TShared>(graph, command.RunId, JsonSerializer.Deserialize(command.Json!, Json.GetTypeInfo(command.AnswerType!))!, command.AnswerType!, store, scoped, Json, cancellationToken),
                };
                await foreach (var value in events.ConfigureAwait(false))
                {
                    yield return value;
                }
            }
            finally
            {
                if (graph is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private TGraph Create(IServiceProvider services)
    {
        try
        {
            return (TGraph)_constructor.Invoke([services]);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(error.InnerException).Throw();
            throw;
        }
    }
}

/// <summary>The graphs registered with <c>AddKayGraph</c> in one container (a silo's or a client's), each probed once on first use.</summary>
internal sealed class GraphCatalog(IEnumerable<GraphRegistration> registrations, IServiceProvider services)
{
    private readonly Lazy<Dictionary<Type, GraphRunner>> _byType = new(() => registrations.Select(r => r.GraphType).Distinct().ToDictionary(t => t, t => GraphRunner.Create(t, services)));
    private readonly Lazy<Dictionary<string, GraphRunner>> _byId = new(() => new Dictionary<string, GraphRunner>(StringComparer.Ordinal));

    public IEnumerable<GraphRunner> Graphs => _byType.Value.Values;

    public GraphRunner Get(Type graphType) =>
        _byType.Value.TryGetValue(graphType, out var runner)
            ? runner
            : throw new InvalidOperationException($"Graph '{graphType.FullName}' is not registered: add it with AddKayGraph(b => b.AddGraph<{graphType.Name}>()).");

    public GraphRunner? Find(string graphId)
    {
        var byId = _byId.Value;
        lock (byId)
        {
            if (byId.Count == 0)
            {
                foreach (var runner in _byType.Value.Values)
                {
                    byId[runner.GraphId] = runner;
                }
            }

            return byId.GetValueOrDefault(graphId);
        }
    }
}

/// <summary>A graph type registered with <c>AddGraph&lt;TGraph&gt;()</c>.</summary>
internal sealed record GraphRegistration(Type GraphType);
