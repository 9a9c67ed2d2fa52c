using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using KayGraph.Generators.Tests.Infrastructure;
using Xunit;

namespace KayGraph.Generators.Tests.Running;

/// <summary>
/// The docs' runnable examples: every C# block preceded by <c>&lt;!-- example: Name --&gt;</c> is a whole file that compiles
/// with the generator without any diagnostic, and whose <c>Example.RunAsync()</c> returns what its <c>// prints:</c> comment says.
/// </summary>
public sealed class DocsExampleTests
{
    private static readonly string[] Pages = { "README.md", Path.Combine("docs", "dsl.md") };

    private static readonly Regex ExampleBlock = new(@"<!-- example: (?<name>\w+) -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static readonly Regex Prints = new(@"// prints: (?<text>.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public static IEnumerable<object[]> Examples() =>
        Pages.SelectMany(page => ExampleBlock.Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, page)).Replace("\r\n", "\n", StringComparison.Ordinal))
            .Select(m => new object[] { page.Replace('\\', '/') + "#" + m.Groups["name"].Value }));

    [Fact]
    public void The_docs_have_the_examples_the_newcomer_questions_need()
    {
        var names = Examples().Select(e => ((string)e[0]).Split('#')[1]).ToList();

        Assert.Subset(new HashSet<string>(names), new HashSet<string> { "SystemAction", "EndOnPurpose", "BatchPost", "ConstructAndRun", "DefaultIsNull" });
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_compiles_cleanly_and_prints_what_the_page_says(string example)
    {
        var (page, name) = (example.Split('#')[0], example.Split('#')[1]);
        var match = ExampleBlock.Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, page)).Replace("\r\n", "\n", StringComparison.Ordinal))
            .Single(m => m.Groups["name"].Value == name);
        var code = match.Groups["code"].Value;
        var expected = Prints.Match(code);
        Assert.True(expected.Success, $"{example} has no '// prints:' comment");

        using var assembly = LoadedAssembly.Build(code);
        var run = assembly.Type("Example").GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static)!;
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var printed = await (Task<string>)run.Invoke(null, null)!;
            Assert.Equal(expected.Groups["text"].Value.Trim(), printed);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
