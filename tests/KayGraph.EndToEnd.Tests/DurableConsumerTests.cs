namespace KayGraph.EndToEnd.Tests;

/// <summary>
/// The design's two durable examples in a fresh project that references the packed KayGraph and KayGraph.Sqlite: a run
/// suspended by one process is answered by another; a wrong answer type does not compile; an interrupt that no durable
/// graph runs is a build error on its line.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class DurableConsumerTests(PackageFixture package)
{
    private const string ReviewProgram = """
        using KayGraph;
        using KayGraph.Sqlite;

        await using var checkpoints = new SqliteCheckpointStore("Data Source=runs.db");
        var flow = new ReviewFlow();
        RunResult<Doc> result = args[0] switch
        {
            "start" => await flow.StartAsync("doc-7", new Doc { Draft = "hello" }, checkpoints),
            "answer" => await flow.ResumeAsync("doc-7", new Verdict(args[1] == "yes"), checkpoints),
            _ => await flow.ResumeAsync("doc-7", checkpoints),
        };
        Console.WriteLine($"status={result.Status} step={result.Step} pending={result.Pending?.NodeId} request={(result.Pending?.Request as ReviewRequest)?.Draft} published={result.Shared.Published}");
        """;

    /// <summary>The review graph of the design's examples: its store, request, answer, nodes and durable graph (shared by the hosting consumer).</summary>
    internal const string ReviewNodes = """
        public sealed class Doc { public string Draft { get; set; } = ""; public bool Published { get; set; } }
        public sealed record ReviewRequest(string Draft);
        public sealed record Verdict(bool Approved);

        [Node]
        [Next<Review>]
        public partial class Draft
        {
            void Post(Doc doc) => doc.Draft += " world";
        }

        [Node]
        [Next<Publish>("approved")]
        [Next<Draft>("rejected")]
        public partial class Review
        {
            string Prep(Doc doc) => doc.Draft;
            Verdict Exec(string draft, Interrupt<ReviewRequest, Verdict> review) => review.Ask(new ReviewRequest(draft));
            Action Post(Doc doc, string draft, Verdict v) => v.Approved ? Action.Approved : Action.Rejected;
        }

        [Node]
        public partial class Publish
        {
            void Post(Doc doc) => doc.Published = true;
        }

        [Graph(typeof(Draft), Durable = true)]
        public partial class ReviewFlow;
        """;

    private const string Review = ReviewProgram + "\n\n" + ReviewNodes;

    [Fact]
    public void A_review_suspended_by_one_process_is_answered_by_another_from_the_packages()
    {
        var directory = package.CreateConsumer("DurableReview", Review, withSqlite: true);
        DotNet.Run(directory, "build", "-c", "Release").ShouldSucceed();

        var started = DotNet.Run(directory, "run", "-c", "Release", "--no-build", "--", "start").ShouldSucceed().Output;
        var still = DotNet.Run(directory, "run", "-c", "Release", "--no-build", "--", "resume").ShouldSucceed().Output;
        var answered = DotNet.Run(directory, "run", "-c", "Release", "--no-build", "--", "answer", "yes").ShouldSucceed().Output;
        var again = DotNet.Run(directory, "run", "-c", "Release", "--no-build", "--", "resume").ShouldSucceed().Output;

        Assert.Contains("status=Suspended step=2 pending=Review request=hello world published=False", started, StringComparison.Ordinal);
        Assert.Contains("status=Suspended step=2 pending=Review", still, StringComparison.Ordinal);
        Assert.Contains("status=Completed step=4 pending= request= published=True", answered, StringComparison.Ordinal);
        Assert.Contains("status=Completed step=4", again, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "runs.db")));
    }

    [Fact]
    public void An_answer_of_a_type_no_interrupt_takes_does_not_compile_and_an_interrupt_without_a_durable_graph_is_KG0016()
    {
        var wrongAnswer = Review.Replace("new Verdict(args[1] == \"yes\")", "42", StringComparison.Ordinal);
        var notDurable = Review.Replace("[Graph(typeof(Draft), Durable = true)]", "[Graph(typeof(Draft))]", StringComparison.Ordinal)
            .Replace("RunResult<Doc> result = args[0] switch", "RunResult<Doc>? result = null; _ = args[0] switch", StringComparison.Ordinal)
            .Replace("await flow.StartAsync(\"doc-7\", new Doc { Draft = \"hello\" }, checkpoints)", "0", StringComparison.Ordinal)
            .Replace("await flow.ResumeAsync(\"doc-7\", new Verdict(args[1] == \"yes\"), checkpoints)", "1", StringComparison.Ordinal)
            .Replace("await flow.ResumeAsync(\"doc-7\", checkpoints)", "2", StringComparison.Ordinal)
            .Replace("Console.WriteLine($\"status=", "Console.WriteLine($\"{result}status=", StringComparison.Ordinal);

        var wrong = DotNet.Run(package.CreateConsumer("WrongAnswer", wrongAnswer, withSqlite: true), "build", "-c", "Release");
        var inMemory = DotNet.Run(package.CreateConsumer("NotDurable", notDurable, withSqlite: true), "build", "-c", "Release");

        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("error CS1503", wrong.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, inMemory.ExitCode);
        Assert.Contains("error KG0016: Node 'Review' asks for input with 'Interrupt<ReviewRequest, Verdict>'", inMemory.Output, StringComparison.Ordinal);
        var line = notDurable.Split('\n').ToList().FindIndex(l => l.Contains("Verdict Exec(", StringComparison.Ordinal)) + 1;
        Assert.Contains($"Program.cs({line},", inMemory.Output, StringComparison.Ordinal);
    }
}
