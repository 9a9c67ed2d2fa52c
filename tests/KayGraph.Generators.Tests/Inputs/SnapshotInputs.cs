namespace KayGraph.Generators.Tests.Inputs;

/// <summary>Representative generator inputs whose generated files are committed under Snapshots/.</summary>
internal static class SnapshotInputs
{
    public const string SimpleNode = """
        using KayGraph;

        namespace Simple;

        public sealed class Counter { public int Value; }

        [Node]
        public partial class Increment
        {
            private int Prep(Counter shared) => shared.Value;

            private int Exec(int value) => value + 1;

            private void Post(Counter shared, int before, int after) => shared.Value = after;
        }
        """;

    public const string AsyncNodeWithEveryPhase = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using KayGraph;

        namespace Everything;

        public sealed class Store { public string Text = ""; public int Failures; }

        [Node(MaxRetries = 3, WaitMilliseconds = 5)]
        [Next<Finish>("done")]
        [Next<Finish>("retry_later")]
        public partial class Worker
        {
            private async Task<string> PrepAsync(Store shared, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return shared.Text;
            }

            private async ValueTask<int> ExecAsync(string text, CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken);
                return text.Length;
            }

            private Task<int> ExecFallbackAsync(string text, Exception error, CancellationToken cancellationToken) => Task.FromResult(-1);

            private async Task<Action> PostAsync(Store shared, string text, int length, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return length < 0 ? Action.RetryLater : Action.Done;
            }

            private ValueTask<bool> OnErrorAsync(Store shared, Exception error, NodeContext context)
            {
                shared.Failures += context.Attempt;
                return new ValueTask<bool>(false);
            }
        }

        [Node]
        public partial class Finish
        {
            private Task PostAsync(Store shared) => Task.CompletedTask;
        }
        """;

    public const string BatchNodes = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KayGraph;

        namespace Batches;

        public sealed class Store { public List<int> Numbers = new(); public List<string> Lines = new(); public int Total; }

        [BatchNode]
        [Next<FormatAll>]
        public partial class SquareAll
        {
            private IEnumerable<int> Prep(Store shared) => shared.Numbers;

            private int Exec(int item) => item * item;

            private void Post(Store shared, IEnumerable<int> items, IReadOnlyList<int> squares)
            {
                foreach (var square in squares)
                {
                    shared.Total += square;
                }
            }
        }

        [ParallelBatchNode(MaxConcurrency = 4)]
        public partial class FormatAll
        {
            private IAsyncEnumerable<int> Prep(Store shared) => Stream(shared.Numbers);

            private static async IAsyncEnumerable<int> Stream(List<int> numbers)
            {
                foreach (var number in numbers)
                {
                    await Task.Yield();
                    yield return number;
                }
            }

            private async Task<string> ExecAsync(int item, CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken);
                return "#" + item;
            }

            private string? Post(Store shared, IReadOnlyList<int> items, IReadOnlyList<string> lines)
            {
                shared.Lines.AddRange(lines);
                return null;
            }
        }

        [BatchNode]
        public partial class StreamAll
        {
            private async IAsyncEnumerable<int> PrepAsync(Store shared, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                foreach (var number in shared.Numbers)
                {
                    await Task.Delay(1, cancellationToken);
                    yield return number;
                }
            }

            private ValueTask<int> ExecAsync(int item) => new(item + 1);

            private Task PostAsync(Store shared, IReadOnlyList<int> items, IReadOnlyList<int> results)
            {
                shared.Total += results.Count;
                return Task.CompletedTask;
            }
        }
        """;

    public const string Graphs = """
        using System.Collections.Generic;
        using KayGraph;

        namespace Graphs;

        public sealed class Agent { public int Steps; public int Limit = 3; public List<string> Trace = new(); }

        [Node]
        [Next<Think>]
        public partial class Start
        {
            private void Post(Agent shared) => shared.Trace.Add("start");
        }

        [Node]
        [Next<Act>("act")]
        [Next<Answer>("answer")]
        public partial class Think
        {
            private int Prep(Agent shared) => shared.Steps;

            private string Post(Agent shared, int steps) => steps < shared.Limit ? "act" : "answer";
        }

        [Node]
        [Next<Think>]
        public partial class Act : System.IDisposable
        {
            public void Dispose() => System.Diagnostics.Trace.WriteLine("tool released");

            private void Post(Agent shared)
            {
                shared.Steps++;
                shared.Trace.Add("act");
            }
        }

        [Node]
        public partial class Answer
        {
            private void Post(Agent shared) => shared.Trace.Add("answer");
        }

        [Graph(typeof(Start))]
        [Next<Report>]
        public partial class AgentLoop;

        [Node]
        public partial class Report
        {
            private void Post(Agent shared) => shared.Trace.Add("report");
        }

        [Graph(typeof(AgentLoop))]
        public partial class Session;
        """;

    public const string BatchGraph = """
        using System.Collections.Generic;
        using KayGraph;

        namespace BatchGraphs;

        public sealed class Store { public int Runs; public string[] Files = new[] { "a", "b" }; }

        [Node]
        public partial class CountRun
        {
            private void Post(Store shared) => shared.Runs++;
        }

        [BatchGraph(typeof(CountRun))]
        public partial class PerFile
        {
            private IEnumerable<IReadOnlyDictionary<string, object?>> Prep(Store shared)
            {
                foreach (var file in shared.Files)
                {
                    yield return new Dictionary<string, object?> { ["file"] = file };
                }
            }
        }

        [ParallelBatchGraph(typeof(CountRun), MaxConcurrency = 2)]
        public partial class PerFileInParallel
        {
            private IEnumerable<IReadOnlyDictionary<string, object?>> Prep(Store shared)
            {
                foreach (var file in shared.Files)
                {
                    yield return new Dictionary<string, object?> { ["file"] = file };
                }
            }
        }
        """;

    public const string Namespaces = """
        using KayGraph;

        public sealed class GlobalStore { public int Value; }

        [Node]
        public partial class GlobalNode
        {
            private void Post(GlobalStore shared) => shared.Value++;
        }

        namespace Outer
        {
            namespace Inner
            {
                public sealed class Store { public int Value; }

                public static partial class Container
                {
                    public partial class Nested
                    {
                        [Node]
                        [Next<@class>("to_keyword")]
                        public partial class NestedNode
                        {
                            private void Post(Store shared) => shared.Value++;
                        }
                    }

                    [Graph(typeof(Nested.NestedNode))]
                    public partial class NestedGraph;
                }

                [Node]
                public partial class @class
                {
                    private void Post(Store shared) => shared.Value += 10;
                }
            }
        }
        """;

    public const string FileScopedNamespace = """
        using KayGraph;

        namespace Company.Product.Workflows;

        public sealed class String { public int Length; }

        [Node]
        public partial class Task
        {
            private void Post(String shared) => shared.Length++;
        }

        [Graph(typeof(Task))]
        public partial class Exception;
        """;

    public const string ResilientNodes = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using KayGraph;

        namespace Resilient;

        public sealed class Store { public string? Answer; public List<string> Pages = new(); }

        [Node(MaxRetries = 5, WaitMilliseconds = 200, Backoff = Backoff.Exponential, MaxWaitMilliseconds = 10_000, Jitter = true, TimeoutMilliseconds = 30_000)]
        [RetryOn<HttpRequestException>]
        [RetryOn(typeof(TimeoutException))]
        public partial class Ask
        {
            private Task<string> ExecAsync(CancellationToken cancellationToken) => Task.FromResult("42");

            private void Post(Store shared, string answer) => shared.Answer = answer;
        }

        [ParallelBatchNode(MaxRetries = 3, WaitMilliseconds = 100, Backoff = Backoff.Linear, MaxConcurrency = 4, TimeoutMilliseconds = 5_000)]
        public partial class FetchAll
        {
            private IEnumerable<string> Prep(Store shared) => new[] { "a", "b" };

            private Task<string> ExecAsync(string url, CancellationToken cancellationToken) => Task.FromResult(url);

            private void Post(Store shared, IReadOnlyList<string> urls, IReadOnlyList<string> pages) => shared.Pages.AddRange(pages);
        }
        """;
}
