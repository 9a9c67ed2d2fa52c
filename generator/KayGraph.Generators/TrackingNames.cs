namespace KayGraph.Generators;

/// <summary>Names of the tracked pipeline steps, so tests can assert that unrelated edits leave them cached.</summary>
internal static class TrackingNames
{
    public const string NodeResults = nameof(NodeResults);
    public const string BatchNodeResults = nameof(BatchNodeResults);
    public const string ParallelBatchNodeResults = nameof(ParallelBatchNodeResults);
    public const string GraphResults = nameof(GraphResults);
    public const string BatchGraphResults = nameof(BatchGraphResults);
    public const string ParallelBatchGraphResults = nameof(ParallelBatchGraphResults);
    public const string AllResults = nameof(AllResults);
    public const string Models = nameof(Models);
    public const string AllModels = nameof(AllModels);
    public const string Diagnostics = nameof(Diagnostics);
    public const string BoundGraphs = nameof(BoundGraphs);
}
