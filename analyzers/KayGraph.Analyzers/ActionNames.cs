using System.Text;

namespace KayGraph.Analyzers;

/// <summary>Converts action strings to the member names of the generated <c>Action</c> type (<c>"deep_analysis"</c> → <c>DeepAnalysis</c>).</summary>
internal static class ActionNames
{
    /// <summary>The PascalCase identifier of <paramref name="action"/>: words split on every non-letter-or-digit, each capitalized.</summary>
    public static string ToPascalCase(string action)
    {
        var builder = new StringBuilder(action.Length);
        bool startOfWord = true;
        foreach (char c in action)
        {
            if (!char.IsLetterOrDigit(c))
            {
                startOfWord = true;
                continue;
            }

            builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }

        if (builder.Length > 0 && char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
