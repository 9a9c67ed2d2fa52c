using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace KayGraph.Hosting.Internal;

/// <summary>A graph added with <c>AddGraph&lt;T&gt;()</c>: its type, its shared store's type and how to create it from services.</summary>
internal sealed class GraphRegistration
{
    private GraphRegistration(Type graphType, Type sharedType, ConstructorInfo constructor, IReadOnlyList<Type> answerTypes)
    {
        GraphType = graphType;
        SharedType = sharedType;
        Constructor = constructor;
        AnswerTypes = answerTypes;
    }

    public Type GraphType { get; }

    public Type SharedType { get; }

    /// <summary>The generated constructor that resolves the nodes from a service provider.</summary>
    public ConstructorInfo Constructor { get; }

    /// <summary>The answer types of the graph's interrupts (one generated typed <c>ResumeAsync</c> each).</summary>
    public IReadOnlyList<Type> AnswerTypes { get; }

    /// <summary>Reads what hosting needs off a generated durable graph, or says precisely why <paramref name="graphType"/> is not one.</summary>
    public static GraphRegistration For(Type graphType)
    {
        var durable = graphType.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDurableGraph<>))
            ?? throw new InvalidOperationException(
                $"'{graphType.FullName}' is not a KayGraph graph: hosting runs classes declared as [Graph(typeof(StartNode), Durable = true)] public partial class {graphType.Name};");
        var shared = durable.GetGenericArguments()[0];
        var start = graphType.GetMethod("StartAsync", BindingFlags.Public | BindingFlags.Instance, new[] { typeof(string), shared, typeof(ICheckpointStore), typeof(CancellationToken) });
        if (start is null)
        {
            throw new InvalidOperationException(
                $"Graph '{graphType.FullName}' is not durable: hosting needs checkpoints to run it in the background and resume it; declare it with [Graph(..., Durable = true)].");
        }

        var constructor = graphType.GetConstructor(new[] { typeof(IServiceProvider) })
            ?? throw new InvalidOperationException($"Graph '{graphType.FullName}' has no generated constructor taking an IServiceProvider; is it a generated KayGraph graph?");
        var answers = graphType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name == "ResumeAsync")
            .Select(m => m.GetParameters())
            .Where(p => p.Length == 4 && p[2].ParameterType == typeof(ICheckpointStore) && p[0].ParameterType == typeof(string))
            .Select(p => p[1].ParameterType)
            .Distinct()
            .ToArray();
        return new GraphRegistration(graphType, shared, constructor, answers);
    }
}
