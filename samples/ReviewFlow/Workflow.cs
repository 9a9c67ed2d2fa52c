using KayGraph;

namespace ReviewFlowSample;

/// <summary>The shared store: the document under review, and what happened to it.</summary>
public sealed class Doc
{
    public string Topic { get; set; } = "";

    public List<string> Paragraphs { get; set; } = new();

    public int Revision { get; set; }

    public List<string> Notes { get; set; } = new();

    public string? PublishedTo { get; set; }
}

/// <summary>What the reviewer is asked.</summary>
public sealed record ReviewRequest(string Topic, int Revision, string Draft);

/// <summary>The reviewer's answer.</summary>
public sealed record Verdict(bool Approved, string? Note = null);

/// <summary>Writes the first draft, a paragraph at a time (slowly: kill the process meanwhile and resume it).</summary>
[Node]
[Next<Review>]
public partial class Draft
{
    private string Prep(Doc doc) => doc.Topic;

    private async Task<List<string>> ExecAsync(string topic, CancellationToken cancellationToken)
    {
        var paragraphs = new List<string>();
        foreach (var part in new[] { "Why", "How", "What next" })
        {
            Console.WriteLine($"  drafting '{part}' ...");
            await Task.Delay(700, cancellationToken);
            paragraphs.Add($"{part}: {topic}, in {topic.Length} words or so.");
        }

        return paragraphs;
    }

    private void Post(Doc doc, string topic, List<string> paragraphs)
    {
        doc.Paragraphs = paragraphs;
        doc.Revision = 1;
    }
}

/// <summary>Asks a person: the run suspends here until it is resumed with a <see cref="Verdict"/>.</summary>
[Node]
[Next<Publish>("approved")]
[Next<Revise>("rejected")]
public partial class Review
{
    private ReviewRequest Prep(Doc doc) => new(doc.Topic, doc.Revision, string.Join("\n", doc.Paragraphs));

    private Verdict Exec(ReviewRequest request, Interrupt<ReviewRequest, Verdict> reviewer) => reviewer.Ask(request);

    private Action Post(Doc doc, ReviewRequest request, Verdict verdict)
    {
        if (verdict.Note is { Length: > 0 } note)
        {
            doc.Notes.Add($"r{request.Revision}: {note}");
        }

        return verdict.Approved ? Action.Approved : Action.Rejected;
    }
}

/// <summary>Applies the reviewer's note and asks again.</summary>
[Node]
[Next<Review>]
public partial class Revise
{
    private void Post(Doc doc)
    {
        doc.Revision++;
        doc.Paragraphs.Add($"Revision {doc.Revision}: {doc.Notes.LastOrDefault() ?? "tightened"}.");
    }
}

/// <summary>Writes the approved document next to the database.</summary>
[Node]
[End]
public partial class Publish
{
    private string Prep(Doc doc) => $"# {doc.Topic}\n\n{string.Join("\n\n", doc.Paragraphs)}\n";

    private async Task<string> ExecAsync(string markdown, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath($"published-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(path, markdown, cancellationToken);
        return path;
    }

    private void Post(Doc doc, string markdown, string path) => doc.PublishedTo = path;
}

/// <summary>Draft → review (a person answers) → publish, or revise and review again; checkpointed after every step.</summary>
[Graph(typeof(Draft), Durable = true)]
public partial class ReviewWorkflow;
