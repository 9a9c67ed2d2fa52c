namespace KayGraph.Generators.Tests.Inputs;

/// <summary>A graph written for C# 9: typeof forms of [Next], block namespaces, no raw strings or primary constructors.</summary>
internal static class CSharp9Input
{
    public const string Source = @"
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using KayGraph;

namespace Legacy
{
    public sealed class Store
    {
        public List<string> Trace = new List<string>();
        public int Count;
    }

    [Node(MaxRetries = 2)]
    [Next(typeof(Branch))]
    public partial class Load
    {
        private string Prep(Store shared) => ""input"";

        private async Task<int> ExecAsync(string text, CancellationToken cancellationToken)
        {
            await Task.Delay(1, cancellationToken);
            return text.Length;
        }

        private int ExecFallback(string text, Exception error) => -1;

        private void Post(Store shared, string text, int length) => shared.Count = length;

        private bool OnError(Store shared, Exception error) => false;
    }

    [Node]
    [Next(""small"", typeof(Small))]
    [Next(""large"", typeof(Items))]
    public partial class Branch
    {
        private int Prep(Store shared) => shared.Count;

        private ValueTask<Action> PostAsync(Store shared, int count) => new ValueTask<Action>(count < 3 ? Action.Small : Action.Large);
    }

    [Node]
    public partial class Small
    {
        private void Post(Store shared) => shared.Trace.Add(""small"");
    }

    [BatchNode]
    [Next(typeof(Inner))]
    public partial class Items
    {
        private IEnumerable<int> Prep(Store shared) => new[] { 1, 2, 3 };

        private int Exec(int item) => item * 2;

        private string? Post(Store shared, IEnumerable<int> items, IReadOnlyList<int> doubled)
        {
            shared.Trace.Add(string.Join("","", doubled));
            return null;
        }
    }

    [Node]
    public partial class Last
    {
        private Task PostAsync(Store shared, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Graph(typeof(Last))]
    public partial class Inner
    {
    }

    [Graph(typeof(Load))]
    public partial class LegacyWorkflow
    {
    }

    [ParallelBatchGraph(typeof(Small), MaxConcurrency = 2)]
    public partial class PerSet
    {
        private IEnumerable<IReadOnlyDictionary<string, object?>> Prep(Store shared)
        {
            yield return new Dictionary<string, object?> { [""n""] = 1 };
        }
    }
}
";
}
