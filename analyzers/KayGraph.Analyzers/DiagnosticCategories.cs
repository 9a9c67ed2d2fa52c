namespace KayGraph.Analyzers;

/// <summary>The categories of the KayGraph analyzer diagnostics.</summary>
public static class DiagnosticCategories
{
    /// <summary>Async pitfalls: blocking calls, lost cancellation, <c>async void</c>.</summary>
    public const string Async = "KayGraph.Async";

    /// <summary>Declarations the generator cannot extend (the category of the generator's own KG0001..KG0099).</summary>
    public const string Declaration = "KayGraph.Declaration";

    /// <summary>Misuse of the KayGraph programming model.</summary>
    public const string Usage = "KayGraph.Usage";
}
