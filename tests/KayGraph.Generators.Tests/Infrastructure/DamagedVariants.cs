using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>Deterministic damaged variants of a valid input: truncations, deleted tokens, shuffled members, removed braces.</summary>
internal static class DamagedVariants
{
    public static IEnumerable<(string Description, string Source)> Of(string source, int perKind)
    {
        // Truncated at evenly spaced offsets.
        for (var i = 1; i <= perKind; i++)
        {
            var length = source.Length * i / (perKind + 1);
            yield return ($"truncated at {length}", source.Substring(0, length));
        }

        // One token deleted, evenly spaced over the file.
        var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().ToList();
        for (var i = 0; i < perKind; i++)
        {
            var token = tokens[(int)((long)tokens.Count * i / perKind)];
            yield return ($"token '{token.Text}' at {token.SpanStart} deleted", source.Remove(token.SpanStart, token.Span.Length));
        }

        // Members of every type shuffled with a fixed seed.
        for (var seed = 0; seed < perKind / 4; seed++)
        {
            var random = new Random(seed);
            var root = CSharpSyntaxTree.ParseText(source).GetRoot();
            var shuffled = root.ReplaceNodes(
                root.DescendantNodes().OfType<TypeDeclarationSyntax>(),
                (_, rewritten) => rewritten.WithMembers(SyntaxFactory.List(rewritten.Members.OrderBy(_ => random.Next()))));
            yield return ($"members shuffled (seed {seed})", shuffled.ToFullString());
        }

        // One brace removed, evenly spaced over all braces.
        var braces = source.Select((c, i) => (c, i)).Where(x => x.c is '{' or '}').Select(x => x.i).ToList();
        for (var i = 0; i < perKind / 2 && braces.Count > 0; i++)
        {
            var at = braces[(int)((long)braces.Count * i / (perKind / 2))];
            yield return ($"brace at {at} removed", source.Remove(at, 1));
        }
    }
}
