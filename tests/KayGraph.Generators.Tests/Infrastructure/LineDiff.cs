using System;
using System.Collections.Generic;
using System.Text;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>A small unified-style line diff (longest common subsequence) for snapshot failures.</summary>
internal static class LineDiff
{
    public static string Render(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add("  " + a[x]);
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add($"+ {b[y]}   (line {y + 1})");
                y++;
            }
            else
            {
                lines.Add($"- {a[x]}   (line {x + 1})");
                x++;
            }
        }

        // Keep only changed lines with two lines of context.
        var output = new StringBuilder();
        var lastPrinted = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith(' '))
            {
                continue;
            }

            for (var k = Math.Max(lastPrinted + 1, i - 2); k <= Math.Min(lines.Count - 1, i + 2); k++)
            {
                if (k > lastPrinted + 1 && lastPrinted >= 0 && k == Math.Max(lastPrinted + 1, i - 2))
                {
                    output.AppendLine("@@");
                }

                output.AppendLine(lines[k]);
                lastPrinted = k;
            }
        }

        return output.ToString();
    }
}
