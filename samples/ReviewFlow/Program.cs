using KayGraph;
using KayGraph.Sqlite;
using ReviewFlowSample;

// A durable review on reviews.db in the working directory. Kill the process at any point (Ctrl+C, kill -9) and resume.
const string Usage = """
    usage:
      start <run-id> <topic>              draft a document and ask for a review (the run suspends)
      answer <run-id> approve|reject [note]
      resume <run-id>                     continue a run that was interrupted (killed, crashed)
      status <run-id>                     where the run stands
      history <run-id>                    every checkpoint of the run
    """;

await using var store = new SqliteCheckpointStore("Data Source=reviews.db");
var flow = new ReviewWorkflow();
if (args.Length == 0)
{
    // The one-line demo: start a run, which drafts and then waits for a person.
    var demo = "demo-" + DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture);
    Console.WriteLine($"Starting review '{demo}' (store: {Path.GetFullPath("reviews.db")})");
    Print(await flow.StartAsync(demo, new Doc { Topic = "durable workflows" }, store));
    Console.WriteLine();
    Console.WriteLine(Usage);
    return 0;
}

try
{
    switch (args[0])
    {
        case "start" when args.Length >= 3:
            Print(await flow.StartAsync(args[1], new Doc { Topic = string.Join(' ', args.Skip(2)) }, store));
            return 0;
        case "answer" when args.Length >= 3 && args[2] is "approve" or "reject":
            Print(await flow.ResumeAsync(args[1], new Verdict(args[2] == "approve", args.Length > 3 ? string.Join(' ', args.Skip(3)) : null), store));
            return 0;
        case "resume" when args.Length == 2:
            Print(await flow.ResumeAsync(args[1], store));
            return 0;
        case "status" when args.Length == 2:
            var latest = await store.GetLatestAsync(args[1]) ?? throw new RunNotFoundException(args[1]);
            Console.WriteLine($"{latest.RunId}: {latest.Status} at step {latest.Step}, next: {(latest.Position.Count == 0 ? "(end)" : string.Join("/", latest.Position))}");
            return 0;
        case "history" when args.Length == 2:
            await foreach (var checkpoint in store.GetHistoryAsync(args[1]))
            {
                Console.WriteLine($"step {checkpoint.Step,3}  {checkpoint.Status,-9}  next {(checkpoint.Position.Count == 0 ? "(end)" : string.Join("/", checkpoint.Position)),-10} after '{checkpoint.LastAction ?? "default"}'  {checkpoint.SavedAt:HH:mm:ss.fff}");
            }

            return 0;
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (Exception error) when (error is RunNotFoundException or CheckpointConflictException or InvalidOperationException)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}

static void Print(RunResult<Doc> result)
{
    switch (result.Status)
    {
        case RunStatus.Suspended:
            var request = (ReviewRequest)result.Pending!.Request!;
            Console.WriteLine($"Run '{result.RunId}' waits for a review of revision {request.Revision} (step {result.Step}):");
            Console.WriteLine(string.Join("\n", request.Draft.Split('\n').Select(line => "  | " + line)));
            Console.WriteLine($"Answer with: dotnet run --project samples/ReviewFlow -- answer {result.RunId} approve|reject [note]");
            break;
        case RunStatus.Completed:
            Console.WriteLine($"Run '{result.RunId}' completed at step {result.Step}: published to {result.Shared.PublishedTo}");
            break;
        case RunStatus.Failed:
            Console.WriteLine($"Run '{result.RunId}' failed at step {result.Step}: {result.Error!.Type}: {result.Error.Message} (resume to retry)");
            break;
        default:
            Console.WriteLine($"Run '{result.RunId}': {result.Status} at step {result.Step}");
            break;
    }
}
