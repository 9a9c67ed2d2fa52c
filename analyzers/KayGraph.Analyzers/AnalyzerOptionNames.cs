namespace KayGraph.Analyzers;

/// <summary>The <c>.editorconfig</c> keys that the KayGraph analyzers read.</summary>
public static class AnalyzerOptionNames
{
    /// <summary><c>true</c> extends KG1001..KG1005 from node phases to every async method of the project.</summary>
    public const string AnalyzeAllAsyncMethods = "kaygraph.analyze_all_async_methods";

    /// <summary>
    /// More APIs whose awaitable twin must not be suggested (KG1003), separated by commas or semicolons: a type
    /// (<c>MyCompany.Cache</c>) excludes all its methods, a type and method (<c>System.IO.File.Exists</c>) just that method.
    /// </summary>
    public const string ExcludedSyncApis = "kaygraph.excluded_sync_apis";
}
