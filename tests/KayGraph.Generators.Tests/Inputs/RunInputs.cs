namespace KayGraph.Generators.Tests.Inputs;

/// <summary>Inputs that the compile-and-run tests build, load and run. Their stores live in KayGraph.Generators.Tests.Stores.</summary>
internal static class RunInputs
{
    /// <summary>The example of design.md, with the HTTP call written out.</summary>
    public const string DesignExample = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using KayGraph;
        using KayGraph.Generators.Tests.Stores;

        namespace Design;

        [Node]
        [Next<Fetch>]
        public partial class Prepare
        {
            string[] Exec() => ["https://example.org/a", "https://example.org/b"];
            void Post(Shared shared, string[] urls) => shared.Urls = urls;
        }

        [Node(MaxRetries = 3, WaitMilliseconds = 200)]
        [Next<Deep>("deep")]
        [Next<Standard>("standard")]
        public partial class Fetch(HttpClient http)
        {
            string[] Prep(Shared shared) => shared.Urls;

            async Task<Page[]> ExecAsync(string[] urls, CancellationToken ct)
            {
                var pages = new List<Page>();
                foreach (var url in urls)
                {
                    pages.Add(new Page(url, await http.GetStringAsync(url, ct)));
                }

                return pages.ToArray();
            }

            Page[] ExecFallback(string[] urls, Exception error) => [];

            Action Post(Shared shared, string[] urls, Page[] pages)
            {
                shared.Pages.AddRange(pages);
                return pages.Length > 2 ? Action.Deep : Action.Standard;
            }
        }

        [Node]
        public partial class Deep
        {
            void Post(Shared shared) => shared.Trace.Add("deep");
        }

        [Node]
        public partial class Standard
        {
            void Post(Shared shared) => shared.Trace.Add("standard");
        }

        [Graph(typeof(Prepare))]
        public partial class AnalysisWorkflow;
        """;

    /// <summary>A port of the async-workflow tutorial's lesson 2 graph.</summary>
    public const string Tutorial = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using KayGraph;
        using KayGraph.Generators.Tests.Stores;

        namespace Tutorial;

        [Node]
        [Next<ParallelFetch>]
        public partial class DataPrep
        {
            private string Prep(WorkflowState shared) => shared.Query;

            private string[] Exec(string query)
            {
                var slug = Uri.EscapeDataString(query.Replace(' ', '-'));
                return [$"https://news.example.com/{slug}", $"https://stats.example.com/{slug}", $"https://social.example.com/{slug}"];
            }

            private void Post(WorkflowState shared, string query, string[] urls)
            {
                shared.Urls.AddRange(urls);
                shared.Trace.Add("DataPrep");
            }
        }

        [ParallelBatchNode(MaxConcurrency = 3)]
        [Next<ProcessResults>]
        public partial class ParallelFetch
        {
            private IEnumerable<string> Prep(WorkflowState shared) => shared.Urls.ToArray();

            private async Task<int> ExecAsync(string url, CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken);
                return url.Length % 7 + 1;
            }

            private void Post(WorkflowState shared, IEnumerable<string> urls, IReadOnlyList<int> items)
            {
                foreach (var count in items)
                {
                    shared.Responses.Add(count * shared.ItemsPerSource);
                }

                shared.Trace.Add("ParallelFetch");
            }
        }

        [Node]
        [Next<Conditional>]
        public partial class ProcessResults
        {
            private List<int> Prep(WorkflowState shared) => shared.Responses;

            private int Exec(List<int> responses) => responses.Sum();

            private void Post(WorkflowState shared, List<int> responses, int total)
            {
                shared.TotalItems = total;
                shared.Trace.Add("ProcessResults");
            }
        }

        [Node]
        [Next<DeepAnalysis>("deep_analysis_needed")]
        [Next<StandardAnalysis>("standard")]
        public partial class Conditional
        {
            private int Prep(WorkflowState shared) => shared.TotalItems;

            private Action Post(WorkflowState shared, int total)
            {
                shared.Trace.Add("Conditional");
                return total > 100 ? Action.DeepAnalysisNeeded : Action.Standard;
            }
        }

        [Node]
        [Next<Cleanup>]
        public partial class DeepAnalysis
        {
            private async Task<string> ExecAsync(CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken);
                return "deep analysis";
            }

            private void Post(WorkflowState shared, string analysis)
            {
                shared.Analysis = analysis;
                shared.Trace.Add("DeepAnalysis");
            }
        }

        [Node]
        [Next<Cleanup>]
        public partial class StandardAnalysis
        {
            private string Exec() => "standard analysis";

            private void Post(WorkflowState shared, string analysis)
            {
                shared.Analysis = analysis;
                shared.Trace.Add("StandardAnalysis");
            }
        }

        [Node]
        public partial class Cleanup
        {
            private async Task PostAsync(WorkflowState shared)
            {
                await Task.Yield();
                shared.CleanedUp = true;
                shared.Trace.Add("Cleanup");
            }
        }

        [Graph(typeof(DataPrep))]
        public partial class AnalysisWorkflow;
        """;

    /// <summary>Graphs for retries, fallback, error hooks, loops, unknown actions, cancellation, batch graphs and nesting.</summary>
    public const string Behaviour = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KayGraph;
        using KayGraph.Generators.Tests.Stores;

        namespace Behaviour;

        [Node(MaxRetries = 3)]
        public partial class Flaky
        {
            private Journal Prep(Journal shared) => shared;

            private string Exec(Journal journal)
            {
                journal.Attempts++;
                if (journal.Attempts <= journal.FailuresBeforeSuccess)
                {
                    throw new InvalidOperationException("attempt " + journal.Attempts);
                }

                return "ok";
            }

            private string ExecFallback(Journal journal, Exception error) => "fallback after " + error.Message;

            private void Post(Journal shared, Journal journal, string result) => shared.Result = result;
        }

        [Graph(typeof(Flaky))]
        public partial class RetryGraph;

        [Node]
        [Next<AfterGuard>]
        public partial class Guarded
        {
            private void Exec() => throw new InvalidOperationException("boom");

            private bool OnError(Journal shared, Exception error)
            {
                shared.Trace.Add("error: " + error.Message);
                return shared.SuppressErrors;
            }
        }

        [Node]
        public partial class AfterGuard
        {
            private void Post(Journal shared) => shared.Trace.Add("after");
        }

        [Graph(typeof(Guarded))]
        public partial class GuardGraph;

        [Node]
        [Next<Counter>("again")]
        [Next<Finish>("done")]
        public partial class Counter
        {
            private Action Post(Journal shared) => ++shared.Count < shared.Limit ? Action.Again : Action.Done;
        }

        [Node]
        public partial class Finish
        {
            private void Post(Journal shared) => shared.Trace.Add("finished at " + shared.Count);
        }

        [Graph(typeof(Counter))]
        public partial class LoopGraph;

        [Node]
        [Next<Finish>("known")]
        public partial class Chooser
        {
            private string? Post(Journal shared) => shared.Result;
        }

        [Graph(typeof(Chooser))]
        public partial class ChoiceGraph;

        [Node]
        [Next<Finish>]
        public partial class Slow
        {
            private async Task ExecAsync(CancellationToken cancellationToken) => await Task.Delay(Timeout.Infinite, cancellationToken);

            private void Post(Journal shared) => shared.Trace.Add("slow done");
        }

        [Graph(typeof(Slow))]
        public partial class SlowGraph;

        [Node]
        public partial class CountRun
        {
            // A trailing NodeContext receives the run's context: here the batch graph's parameter set.
            private void Post(Journal shared, NodeContext context)
            {
                lock (shared.Trace)
                {
                    shared.Count++;
                    shared.Trace.Add("run " + context.Params["index"]);
                }
            }
        }

        [Node(MaxRetries = 2)]
        public partial class ContextReader
        {
            private string Prep(Journal shared, CancellationToken cancellationToken, NodeContext context) =>
                context.NodeId + " prep, token " + (cancellationToken.CanBeCanceled ? "live" : "none");

            private int Exec(string prep, NodeContext context)
            {
                if (context.Attempt == 0)
                {
                    throw new InvalidOperationException("first attempt fails");
                }

                return context.Attempt;
            }

            private void Post(Journal shared, string prep, int exec, NodeContext context, CancellationToken cancellationToken)
            {
                shared.Trace.Add(prep);
                shared.Trace.Add("exec attempt " + exec + " of " + context.MaxRetries);
            }

            private bool OnError(Journal shared, Exception error, NodeContext context) => false;
        }

        [Graph(typeof(ContextReader))]
        public partial class ContextGraph;

        [Node]
        [Next<RecordTail>]
        public partial record RecordHead
        {
            private void Post(Journal shared) => shared.Trace.Add("record head");
        }

        [Node]
        public sealed partial record RecordTail
        {
            private string Post(Journal shared)
            {
                shared.Trace.Add("record tail");
                return "done";
            }
        }

        [Graph(typeof(RecordHead))]
        public partial record RecordGraph;

        public static class DisposalLog
        {
            public static readonly List<string> Events = new();
        }

        [Node]
        [Next<AsyncResource>]
        public sealed partial class SyncResource : IDisposable
        {
            private void Post(Journal shared) => shared.Trace.Add("sync resource");

            public void Dispose() => DisposalLog.Events.Add("SyncResource.Dispose");
        }

        [Node]
        [Next<PlainStep>]
        public sealed partial class AsyncResource : IAsyncDisposable, IDisposable
        {
            private void Post(Journal shared) => shared.Trace.Add("async resource");

            public ValueTask DisposeAsync()
            {
                DisposalLog.Events.Add("AsyncResource.DisposeAsync");
                return default;
            }

            public void Dispose() => DisposalLog.Events.Add("AsyncResource.Dispose (not expected)");
        }

        [Node]
        public sealed partial class PlainStep
        {
            private void Post(Journal shared) => shared.Trace.Add("plain");
        }

        [Graph(typeof(SyncResource))]
        public partial class ResourceGraph;

        [Node]
        [Next<ResourceGraph>]
        public sealed partial class Opener
        {
            private void Post(Journal shared) => shared.Trace.Add("opener");
        }

        [Graph(typeof(Opener))]
        public partial class OuterResourceGraph;

        [BatchGraph(typeof(CountRun))]
        public partial class RunPerSet
        {
            private IEnumerable<IReadOnlyDictionary<string, object?>> Prep(Journal shared, NodeContext context)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < shared.Limit; i++)
                {
                    yield return new Dictionary<string, object?> { ["index"] = i };
                }
            }
        }

        [ParallelBatchGraph(typeof(CountRun), MaxConcurrency = 2)]
        public partial class RunPerSetInParallel
        {
            private Task<IEnumerable<IReadOnlyDictionary<string, object?>>> PrepAsync(Journal shared)
            {
                var sets = new List<IReadOnlyDictionary<string, object?>>();
                for (var i = 0; i < shared.Limit; i++)
                {
                    sets.Add(new Dictionary<string, object?> { ["index"] = i });
                }

                return Task.FromResult<IEnumerable<IReadOnlyDictionary<string, object?>>>(sets);
            }
        }

        [Node]
        [Next<StepTwo>]
        public partial class StepOne
        {
            private void Post(Journal shared) => shared.Trace.Add("step one");
        }

        [Node]
        public partial class StepTwo
        {
            private string Post(Journal shared)
            {
                shared.Trace.Add("step two");
                return "finished";
            }
        }

        [Graph(typeof(StepOne))]
        [Next<Outro>("finished")]
        public partial class InnerGraph;

        [Node]
        [Next<InnerGraph>]
        public partial class Intro
        {
            private void Post(Journal shared) => shared.Trace.Add("intro");
        }

        [Node]
        public partial class Outro
        {
            private void Post(Journal shared) => shared.Trace.Add("outro");
        }

        [Graph(typeof(Intro))]
        public partial class OuterGraph;
        """;
}
