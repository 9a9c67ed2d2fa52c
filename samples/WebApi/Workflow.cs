using System.Text.Json;
using System.Text.Json.Serialization;
using KayGraph;
using Microsoft.Extensions.Options;

namespace WebApiSample;

/// <summary>The shared store: the document under review, and what happened to it. It is the body of <c>POST /reviews</c>.</summary>
public sealed class Doc
{
    public string Topic { get; set; } = "";

    public List<string> Paragraphs { get; set; } = new();

    public int Revision { get; set; }

    public List<string> Notes { get; set; } = new();

    public string? Published { get; set; }
}

/// <summary>What the reviewer is asked (the <c>pending.request</c> of a waiting run).</summary>
public sealed record ReviewRequest(string Topic, int Revision, string Draft);

/// <summary>The reviewer's answer: the body of <c>POST /reviews/{runId}/answer</c>, e.g. <c>{ "approved": true }</c>.</summary>
public sealed record Verdict(bool Approved, string? Note = null);

/// <summary>How slowly the draft is written (configuration section <c>Review</c>), so that the page can show it happen.</summary>
public sealed class ReviewSettings
{
    public int ParagraphDelayMilliseconds { get; set; } = 700;
}

/// <summary>Writes the first draft, a paragraph at a time; its settings and clock come from the app's services.</summary>
[Node]
[Next<Review>]
public partial class Draft(IOptions<ReviewSettings> settings, TimeProvider clock)
{
    private string Prep(Doc doc) => doc.Topic;

    private async Task<List<string>> ExecAsync(string topic, CancellationToken cancellationToken)
    {
        var paragraphs = new List<string>();
        foreach (var part in new[] { "Why", "How", "What next" })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(settings.Value.ParagraphDelayMilliseconds), clock, cancellationToken);
            paragraphs.Add($"{part}: {topic}.");
        }

        return paragraphs;
    }

    private void Post(Doc doc, string topic, List<string> paragraphs)
    {
        doc.Paragraphs = paragraphs;
        doc.Revision = 1;
    }
}

/// <summary>Asks a person: the run suspends here until <c>POST /reviews/{runId}/answer</c> brings a <see cref="Verdict"/>.</summary>
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

/// <summary>Publishes the approved document into the store (a real app would post it somewhere, idempotently).</summary>
[Node]
[End]
public partial class Publish
{
    private void Post(Doc doc) => doc.Published = $"# {doc.Topic}\n\n{string.Join("\n\n", doc.Paragraphs)}\n";
}

/// <summary>
/// Draft → review (a person answers over HTTP) → publish, or revise and review again; checkpointed after every step. Its
/// JSON (checkpoints and HTTP bodies alike) comes from <see cref="ReviewJson"/>: camel case, source-generated.
/// </summary>
[Graph(typeof(Draft), Durable = true, Json = typeof(ReviewJson))]
public partial class ReviewWorkflow;

/// <summary>The workflow's System.Text.Json context: the web's defaults (camel case), no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Doc))]
[JsonSerializable(typeof(ReviewRequest))]
[JsonSerializable(typeof(Verdict))]
public partial class ReviewJson : JsonSerializerContext;
