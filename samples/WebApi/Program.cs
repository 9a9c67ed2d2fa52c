using KayGraph.Hosting;
using WebApiSample;

// The review workflow as a web app: runs start, wait for a person and go on over HTTP; the page at / shows the graph and
// the run moving through it, live. Checkpoints go to a SQLite file, so a run survives a restart of the app.
var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ReviewSettings>(builder.Configuration.GetSection("Review"));
builder.Services.AddOpenApi();
builder.Services.AddKayGraph()
    .AddGraph<ReviewWorkflow>()
    .AddSqliteCheckpoints(builder.Configuration.GetConnectionString("Reviews") ?? "Data Source=reviews-web.db");

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();                                   // /openapi/v1.json
app.MapKayGraph<ReviewWorkflow>("/reviews");        // POST /reviews, GET /reviews/{id}, .../events, .../answer
app.MapGet("/graph", () => Results.Text(ReviewWorkflow.Mermaid, "text/plain"))
    .WithSummary("The workflow's flowchart (Mermaid), generated at compile time");
app.Run();

/// <summary>The app's entry point (public for the tests' WebApplicationFactory).</summary>
public partial class Program;
