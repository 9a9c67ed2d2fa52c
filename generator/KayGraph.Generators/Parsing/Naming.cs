using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KayGraph.Generators.Parsing;

/// <summary>Turns action strings and type names into valid, deterministic C# identifiers and literals.</summary>
internal static class Naming
{
    /// <summary>Fully qualified with <c>global::</c> and nullable annotations.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>"deep_analysis_needed" → "DeepAnalysisNeeded"; null when nothing identifier-like is left.</summary>
    public static string? ToPascalCase(string action)
    {
        var builder = new StringBuilder(action.Length);
        var upper = true;
        foreach (var c in action)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (builder.Length == 0)
        {
            return null;
        }

        if (char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>A camelCase parameter name for a type name, escaped with @ when it is a keyword.</summary>
    public static string ToParameterName(string typeName)
    {
        var name = char.ToLowerInvariant(typeName[0]) + typeName.Substring(1);
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;
    }

    /// <summary>An identifier usable in generated code, escaped with @ when it is a keyword.</summary>
    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    /// <summary>A C# string literal with every special character escaped.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A file-name-safe hint name.</summary>
    public static string HintName(string fullName)
    {
        var builder = new StringBuilder(fullName.Length + 5);
        foreach (var c in fullName.Replace("global::", string.Empty))
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_');
        }

        return builder.Append(".g.cs").ToString();
    }
}
