namespace KayGraph.EndToEnd.Tests;

/// <summary>
/// The Orleans contract in a fresh project that references the packed KayGraph and KayGraph.Orleans: a silo with the
/// storage and reminders Orleans brings, AddKayGraph on the silo builder, a durable run started by id through
/// KayGraphClient, suspended, answered, completed; built and run from the command line.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class OrleansConsumerTests(PackageFixture package)
{
    private const string Silo = """
        using KayGraph;
        using KayGraph.Orleans;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;

        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .AddMemoryGrainStorage(KayGraphSiloBuilderExtensions.StorageName)
            .UseInMemoryReminderService()
            .AddKayGraph(b => b.AddGraph<ReviewFlow>()));
        using var host = builder.Build();
        await host.StartAsync();
        var runs = host.Services.GetRequiredService<KayGraphClient>();
        await runs.StartAsync<ReviewFlow, Doc>("doc-7", new Doc { Draft = "hello" });
        var waiting = await runs.WaitAsync("doc-7");
        Console.WriteLine($"status={waiting.Status} step={waiting.Step} pending={waiting.Pending?.NodeId}");
        await runs.AnswerAsync<ReviewFlow, Verdict>("doc-7", new Verdict(true));
        var done = await runs.WaitAsync("doc-7");
        var typed = await runs.GetAsync<ReviewFlow, Doc>("doc-7");
        Console.WriteLine($"status={done.Status} step={done.Step} draft={typed!.Shared.Draft} published={typed.Shared.Published}");
        await foreach (var id in runs.ListAsync())
        {
            Console.WriteLine($"run {id}");
        }

        await host.StopAsync();
        """;

    [Fact]
    public void A_silo_with_AddKayGraph_from_the_packages_runs_a_durable_graph_by_id_through_the_client()
    {
        var directory = package.CreateConsumer(
            "OrleansReview",
            Silo + "\n\n" + DurableConsumerTests.ReviewNodes,
            $"""
            <PackageReference Include="KayGraph.Orleans" Version="{package.Version}" />
                <PackageReference Include="Microsoft.Orleans.Server" Version="10.4.2" />
                <PackageReference Include="Microsoft.Orleans.Persistence.Memory" Version="10.4.2" />
                <PackageReference Include="Microsoft.Orleans.Reminders" Version="10.4.2" />
            """);
        DotNet.Run(directory, "build", "-c", "Release").ShouldSucceed();

        var output = DotNet.Run(directory, "run", "-c", "Release", "--no-build").ShouldSucceed().Output;

        Assert.Contains("status=Suspended step=2 pending=Review", output, StringComparison.Ordinal);
        Assert.Contains("status=Completed step=4 draft=hello world published=True", output, StringComparison.Ordinal);
        Assert.Contains("run doc-7", output, StringComparison.Ordinal);
    }
}
