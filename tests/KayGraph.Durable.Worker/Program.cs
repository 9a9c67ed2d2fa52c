using KayGraph;
using KayGraph.Durable.Worker;
using KayGraph.Sqlite;

// Usage:
//   count  <db> <runId> <steps>          start or resume the counting run; prints "completed <count>"
//   ask    <db> <runId>                  start the approval run; prints "suspended <node> <draft>"
//   answer <db> <runId> <yes|no> <by>    answer it; prints the status, or "conflict" (exit 3) when another process won
//   resume <db> <runId>                  resume the approval run without an answer; prints the status
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: count|ask|answer|resume <db> <runId> ...");
    return 2;
}

await using var store = new SqliteCheckpointStore($"Data Source={args[1]}");
var runId = args[2];
try
{
    switch (args[0])
    {
        case "count":
        {
            var flow = new Counting();
            var result = await store.GetLatestAsync(runId) is null
                ? await flow.StartAsync(runId, new Tally { Target = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) }, store)
                : await flow.ResumeAsync(runId, store);
            Console.WriteLine($"{result.Status.ToString().ToLowerInvariant()} {result.Shared.Count}");
            return result.Status == RunStatus.Completed ? 0 : 1;
        }

        case "ask":
        {
            var result = await new Approval().StartAsync(runId, new Review(), store);
            Console.WriteLine($"{result.Status.ToString().ToLowerInvariant()} {result.Pending?.NodeId} {((Question?)result.Pending?.Request)?.Draft}");
            return 0;
        }

        case "answer":
        {
            var result = await new Approval().ResumeAsync(runId, new Decision(args[3] == "yes", args[4]), store);
            Console.WriteLine($"{result.Status.ToString().ToLowerInvariant()} {string.Join(",", result.Shared.Trail)}");
            return 0;
        }

        case "resume":
        {
            var result = await new Approval().ResumeAsync(runId, store);
            Console.WriteLine($"{result.Status.ToString().ToLowerInvariant()} {string.Join(",", result.Shared.Trail)}");
            return 0;
        }

        default:
            Console.Error.WriteLine($"unknown command '{args[0]}'");
            return 2;
    }
}
catch (CheckpointConflictException conflict)
{
    Console.WriteLine("conflict " + conflict.Step);
    return 3;
}
catch (InvalidOperationException refused)
{
    Console.WriteLine("refused " + refused.Message);
    return 4;
}
