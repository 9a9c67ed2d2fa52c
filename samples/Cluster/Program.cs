// Two silos and a client in one process. Runs start on both silos; silo B stops; its runs stop at their last checkpoint,
// their reminders wake them on silo A, and they finish there with each step in their store once. A refund that waits for a
// person is answered after B is gone. "dotnet run -- --logs" also prints what the run grains log (stops, wake-ups).
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ClusterSample;
using KayGraph;
using KayGraph.Orleans;
using KayGraph.Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

var database = Path.Combine(Path.GetTempPath(), "kaygraph-cluster-" + Guid.NewGuid().ToString("N") + ".db");
var ports = Enumerable.Range(0, 4).Select(_ => FreePort()).ToArray();
var primary = new IPEndPoint(IPAddress.Loopback, ports[0]);
var clock = Stopwatch.StartNew();
string T() => $"[{clock.Elapsed.TotalSeconds,5:F1} s]";

using var siloA = Silo("A", ports[0], ports[1]);
using var siloB = Silo("B", ports[2], ports[3]);
await siloA.StartAsync();
await siloB.StartAsync();
using var clientHost = Host.CreateDefaultBuilder()
    .ConfigureLogging(l => l.ClearProviders())
    .UseOrleansClient(client => client
        .UseLocalhostClustering([ports[1], ports[3]])
        .AddKayGraph(b => b.AddGraph<Fulfilment>().AddGraph<RefundFlow>()))
    .Build();
await clientHost.StartAsync();
var runs = clientHost.Services.GetRequiredService<KayGraphClient>();
Console.WriteLine($"{T()} silo A {Address(siloA)} and silo B {Address(siloB)} are up; state and reminders in {Path.GetFileName(database)}");

var orders = Enumerable.Range(1, 24).Select(i => $"order-{i:D2}").ToArray();
await Task.WhenAll(orders.Select(id => runs.StartAsync<Fulfilment, Order>(id, new Order { Id = id })));
await runs.StartAsync<RefundFlow, Refund>("refund-1", new Refund { Order = "order-07" });
await Task.Delay(300);
var before = await Task.WhenAll(orders.Select(id => runs.GetAsync(id)));
var onB = before.Where(s => s!.Executing && s.Silo == Address(siloB)).Select(s => s!.RunId).ToHashSet();
var refund = await runs.WaitAsync("refund-1");
Console.WriteLine($"{T()} {orders.Length} orders started: {before.Count(s => s!.Silo == Address(siloA))} on silo A, {before.Count(s => s!.Silo == Address(siloB))} on silo B; refund-1 is {refund.Status.ToString().ToLowerInvariant()} at '{refund.Pending?.NodeId}' on silo {(refund.Silo == Address(siloA) ? "A" : "B")}");

Console.WriteLine($"{T()} stopping silo B with {onB.Count} orders executing on it ...");
await siloB.StopAsync();
Console.WriteLine($"{T()} silo B stopped; its orders wait for their reminders on silo A");

await runs.AnswerAsync<RefundFlow, Decision>("refund-1", new Decision(true));
var done = await Task.WhenAll(orders.Append("refund-1").Select(id => runs.WaitAsync(id)));
Console.WriteLine($"{T()} every run finished:");
var ok = true;
foreach (var id in orders)
{
    var order = (await runs.GetAsync<Fulfilment, Order>(id))!;
    var execs = string.Join(" ", order.Shared.Steps.Select(node => $"{node}x{Execs.Of(id, node)}"));
    var rerun = order.Shared.Steps.Any(node => Execs.Of(id, node) > 1);
    var moved = onB.Contains(id) ? "  <- was on silo B" : rerun ? "  <- stayed on A, deactivated with B's directory share" : "";
    Console.WriteLine($"  {id}: {order.Status.ToString().ToLowerInvariant()} on silo {(order.Silo == Address(siloA) ? "A" : "B")}, steps {string.Join(" > ", order.Shared.Steps)} (exec runs: {execs}){moved}");
    ok &= order.Status == RunStatus.Completed && order.Shared.Steps.SequenceEqual(["Pick", "Pack", "Ship"]);
}

var stayedButStopped = orders.Count(id => !onB.Contains(id) && new[] { "Pick", "Pack", "Ship" }.Any(node => Execs.Of(id, node) > 1));
Console.WriteLine($"  ({onB.Count} runs moved from B to A; Orleans also deactivated {stayedButStopped} runs on A whose grain directory entries B held. Each of them stopped at its last checkpoint, was woken by its reminder, and ran the node it was in again: exec is at-least-once, the store exactly-once.)");
var paid = (await runs.GetAsync<RefundFlow, Refund>("refund-1"))!;
Console.WriteLine($"  refund-1: {paid.Status.ToString().ToLowerInvariant()}, paid = {paid.Shared.Paid} (answered after its silo stopped)");
ok &= paid.Shared.Paid;
if (onB.FirstOrDefault() is { } example)
{
    var events = await runs.GetEventsAsync(example);
    Console.WriteLine($"{T()} the last stretch of {example}, on silo A: {string.Join(", ", events.Where(e => e.Kind is "nodeStarted" or "checkpointSaved").Select(e => e.Kind == "nodeStarted" ? e.Path : "step " + e.Step))}");
}

Console.WriteLine(ok
    ? $"{T()} all {orders.Length} orders completed with each step in their store exactly once; {onB.Count} moved from silo B to silo A"
    : $"{T()} SOMETHING WENT WRONG: see above");
_ = done;

await clientHost.StopAsync();
await siloA.StopAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
foreach (var file in new[] { database, database + "-wal", database + "-shm" })
{
    File.Delete(file);
}

return ok ? 0 : 1;

IHost Silo(string name, int siloPort, int gatewayPort) => Host.CreateDefaultBuilder()
    .ConfigureLogging(l =>
    {
        l.ClearProviders();
        if (args.Contains("--logs"))
        {
            l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("KayGraph.Orleans", LogLevel.Information);
        }
    })
    .UseOrleans(silo =>
    {
        silo.UseLocalhostClustering(siloPort, gatewayPort, primary);
        silo.Services.AddGrainStorage(KayGraphSiloBuilderExtensions.StorageName, (sp, _) => new SqliteGrainStorage(database, sp.GetRequiredService<IGrainStorageSerializer>()));
        silo.Services.AddReminders();
        silo.Services.AddSingleton<Orleans.IReminderTable>(_ => new SqliteReminderTable(database));
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        silo.Configure<SiloOptions>(o => o.SiloName = name);
        silo.AddKayGraph(b => b
            .AddGraph<Fulfilment>()
            .AddGraph<RefundFlow>()
            .Configure(o => o.ReminderPeriod = TimeSpan.FromSeconds(1))); // the default is a minute; short for the demo
    })
    .Build();

static string Address(IHost silo) => silo.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToString();

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
