using System.Diagnostics;
using KayGraph;

namespace AsyncBasics;

/// <summary>Lesson 2 — an async workflow mixing sync and async nodes, a conditional branch, and error propagation.</summary>
internal static class Lesson2
{
    public static async Task RunAsync()
    {
        Output.Title("Lesson 2 — Async workflow");
        Output.Section("The graph (Mermaid, generated at compile time)");
        foreach (var line in AnalysisWorkflow.Mermaid.Split('\n'))
        {
            Console.WriteLine($"  {line.TrimEnd()}");
        }

        var workflow = new AnalysisWorkflow();
        await RunWorkflowAsync(workflow, "weather in Lisbon", itemsPerSource: 2);
        await RunWorkflowAsync(workflow, "quarterly sales anomalies", itemsPerSource: 40);
        await ErrorPropagationAsync();
    }

    private static async Task RunWorkflowAsync(AnalysisWorkflow workflow, string query, int itemsPerSource)
    {
        Output.Section($"Run: \"{query}\"");
        var store = new WorkflowState { Query = query, ItemsPerSource = itemsPerSource };
        var watch = Stopwatch.StartNew();
        var last = await workflow.RunAsync(store);
        watch.Stop();

        foreach (var step in store.Trace)
        {
            Output.Step(step);
        }

        Output.Line("time", Output.Seconds(watch.Elapsed));
        Output.Line("last action", last ?? Actions.Default);
        Output.Line("store: query", store.Query);
        Output.Line("store: urls", string.Join(", ", store.Urls));
        Output.Line("store: responses", store.Responses.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Output.Line("store: total items", store.Summary?.TotalItems.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
        Output.Line("store: analysis", store.Analysis ?? "-");
        Output.Line("store: cleaned up", store.CleanedUp ? "yes" : "no");
    }

    private static async Task ErrorPropagationAsync()
    {
        Output.Section("Error propagation");

        var handled = new ErrorState();
        await new ErrorHandlingWorkflow(new UnreliableService(suppress: true), new ErrorReporter()).RunAsync(handled);
        foreach (var line in handled.Events)
        {
            Output.Step(line);
        }

        var unhandled = new ErrorState();
        try
        {
            await new ErrorHandlingWorkflow(new UnreliableService(suppress: false), new ErrorReporter()).RunAsync(unhandled);
        }
        catch (NodeExecutionException error)
        {
            foreach (var line in unhandled.Events)
            {
                Output.Step(line);
            }

            Output.Step($"the error left the graph: node '{error.NodeId}', phase {error.Phase}, attempt {error.Attempt} of {error.MaxRetries}");
            Output.Step($"original exception: {error.InnerException?.GetType().Name}: {error.InnerException?.Message}");
        }
    }
}

/// <summary>One fetched response.</summary>
public sealed record FetchResult(string Url, int Items, TimeSpan Latency);

/// <summary>What <see cref="ProcessResults"/> computes.</summary>
public sealed record ResultSummary(int Sources, int TotalItems, TimeSpan SlowestLatency);

/// <summary>The shared store of the workflow.</summary>
public sealed class WorkflowState
{
    public string Query { get; set; } = "";

    public int ItemsPerSource { get; set; }

    public List<string> Urls { get; } = [];

    public List<FetchResult> Responses { get; } = [];

    public ResultSummary? Summary { get; set; }

    public string? Analysis { get; set; }

    public bool CleanedUp { get; set; }

    public List<string> Trace { get; } = [];
}

/// <summary>Sync: turns the query into the URLs to fetch.</summary>
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
        shared.Trace.Add($"DataPrep          (sync)   prepared {urls.Length} URLs");
    }
}

/// <summary>Async parallel batch: fetches every URL at once.</summary>
[ParallelBatchNode(MaxConcurrency = 3)]
[Next<ProcessResults>]
public partial class ParallelFetch
{
    private IEnumerable<string> Prep(WorkflowState shared) => shared.Urls.ToArray();

    private async Task<FetchResult> ExecAsync(string url, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Task.Delay(300 + (url.Length % 5 * 40), cancellationToken);
        return new FetchResult(url, Items: url.Length % 7 + 1, watch.Elapsed);
    }

    private void Post(WorkflowState shared, IEnumerable<string> urls, IReadOnlyList<FetchResult> results)
    {
        foreach (var result in results)
        {
            shared.Responses.Add(result with { Items = result.Items * shared.ItemsPerSource });
        }

        shared.Trace.Add($"ParallelFetch     (async)  fetched {results.Count} sources concurrently");
    }
}

/// <summary>Sync: summarizes the responses.</summary>
[Node]
[Next<Conditional>]
public partial class ProcessResults
{
    private List<FetchResult> Prep(WorkflowState shared) => shared.Responses;

    private ResultSummary Exec(List<FetchResult> responses) =>
        new(responses.Count, responses.Sum(r => r.Items), responses.Max(r => r.Latency));

    private void Post(WorkflowState shared, List<FetchResult> responses, ResultSummary summary)
    {
        shared.Summary = summary;
        shared.Trace.Add($"ProcessResults    (sync)   {summary.TotalItems} items from {summary.Sources} sources");
    }
}

/// <summary>Async: decides which analysis the data needs.</summary>
[Node]
[Next<DeepAnalysis>("deep_analysis_needed")]
[Next<StandardAnalysis>("standard")]
public partial class Conditional
{
    public const int DeepAnalysisThreshold = 50;

    private Task<ResultSummary?> PrepAsync(WorkflowState shared) => Task.FromResult(shared.Summary);

    private async Task<bool> ExecAsync(ResultSummary? summary, CancellationToken cancellationToken)
    {
        await Task.Delay(50, cancellationToken);
        return summary is { TotalItems: > DeepAnalysisThreshold };
    }

    private Task<Action> PostAsync(WorkflowState shared, ResultSummary? summary, bool deep)
    {
        shared.Trace.Add($"Conditional       (async)  {(deep ? "more than" : "at most")} {DeepAnalysisThreshold} items → {(deep ? "deep_analysis_needed" : "standard")}");
        return Task.FromResult(deep ? Action.DeepAnalysisNeeded : Action.Standard);
    }
}

/// <summary>Async: the expensive branch.</summary>
[Node]
[Next<Cleanup>]
public partial class DeepAnalysis
{
    private ResultSummary? Prep(WorkflowState shared) => shared.Summary;

    private async Task<string> ExecAsync(ResultSummary? summary, CancellationToken cancellationToken)
    {
        await Task.Delay(400, cancellationToken);
        return $"deep analysis of {summary?.TotalItems} items: 3 clusters, 1 anomaly";
    }

    private void Post(WorkflowState shared, ResultSummary? summary, string analysis)
    {
        shared.Analysis = analysis;
        shared.Trace.Add("DeepAnalysis      (async)  clustered the items");
    }
}

/// <summary>Sync: the cheap branch.</summary>
[Node]
[Next<Cleanup>]
public partial class StandardAnalysis
{
    private ResultSummary? Prep(WorkflowState shared) => shared.Summary;

    private string Exec(ResultSummary? summary) => $"standard analysis of {summary?.TotalItems} items: no anomaly";

    private void Post(WorkflowState shared, ResultSummary? summary, string analysis)
    {
        shared.Analysis = analysis;
        shared.Trace.Add("StandardAnalysis  (sync)   summarized the items");
    }
}

/// <summary>Async: releases what the run used.</summary>
[Node]
public partial class Cleanup
{
    private int Prep(WorkflowState shared) => shared.Responses.Count;

    private async Task<int> ExecAsync(int responses, CancellationToken cancellationToken)
    {
        await Task.Delay(50, cancellationToken);
        return responses;
    }

    private void Post(WorkflowState shared, int responses, int released)
    {
        shared.CleanedUp = true;
        shared.Trace.Add($"Cleanup           (async)  released {released} responses");
    }
}

[Graph(typeof(DataPrep))]
public partial class AnalysisWorkflow;

/// <summary>The store of the error-propagation demo.</summary>
public sealed class ErrorState
{
    public List<string> Events { get; } = [];

    public string? HandledError { get; set; }
}

/// <summary>An async node that always fails; its error hook decides whether the failure is suppressed.</summary>
[Node]
[Next<ErrorReporter>]
public partial class UnreliableService(bool suppress)
{
    private async Task<string> ExecAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(100, cancellationToken);
        throw new InvalidOperationException("upstream service returned 503");
    }

    private bool OnError(ErrorState shared, Exception error)
    {
        shared.Events.Add($"UnreliableService failed: {error.Message}; on_error {(suppress ? "suppresses it" : "lets it propagate")}");
        shared.HandledError = suppress ? error.Message : null;
        return suppress;
    }

    private void Post(ErrorState shared, string result) => shared.Events.Add($"UnreliableService returned {result}");
}

/// <summary>Runs after a suppressed error (the default action) and reports it.</summary>
[Node]
public partial class ErrorReporter
{
    private string? Prep(ErrorState shared) => shared.HandledError;

    private string Exec(string? error) => error is null ? "nothing to report" : $"reported: {error}";

    private void Post(ErrorState shared, string? error, string report) => shared.Events.Add($"ErrorReporter {report}");
}

[Graph(typeof(UnreliableService))]
public partial class ErrorHandlingWorkflow;
