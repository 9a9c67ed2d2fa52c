using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>Parses <c>{|KG0001:text|}</c> markup: the source without markup and the expected (id, span) pairs.</summary>
internal static class DiagnosticMarkup
{
    public static (string Source, List<(string Id, TextSpan Span)> Expected) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var expected = new List<(string Id, TextSpan Span)>();
        var open = new Stack<(string Id, int Start)>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                var colon = markup.IndexOf(':', i);
                if (colon < 0)
                {
                    throw new FormatException("Markup '{|' without an id and ':'.");
                }

                open.Push((markup.Substring(i + 2, colon - i - 2), source.Length));
                i = colon;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add((id, TextSpan.FromBounds(start, source.Length)));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException("Unclosed '{|' markup.");
        }

        return (source.ToString(), expected);
    }
}
