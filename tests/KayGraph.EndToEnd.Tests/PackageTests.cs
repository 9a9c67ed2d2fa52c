using System.IO.Compression;
using System.Xml.Linq;

namespace KayGraph.EndToEnd.Tests;

/// <summary>The packed KayGraph package as a user meets it: one PackageReference, a fresh project, the command line.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageTests(PackageFixture package)
{
    private const string DesignExample = """
        using KayGraph;

        var shared = new Shared();
        using var http = new HttpClient();
        var workflow = new AnalysisWorkflow(prepare: new Prepare(), fetch: new Fetch(http), deep: new Deep(), standard: new Standard());
        string? last = await workflow.RunAsync(shared, CancellationToken.None);
        Console.WriteLine($"last={last ?? "null"} pages={shared.Pages.Count} report={shared.Report}");
        Console.WriteLine(AnalysisWorkflow.Mermaid);

        public sealed record Page(string Url, int Length);

        public sealed class Shared { public string[] Urls = []; public List<Page> Pages = []; public string Report = ""; }

        [Node]
        [Next<Fetch>]
        public partial class Prepare
        {
            string[] Exec() => ["https://example.org/a", "https://example.org/b"];
            void Post(Shared shared, string[] urls) => shared.Urls = urls;
        }

        [Node(MaxRetries = 3, WaitMilliseconds = 20)]
        [Next<Deep>("deep")]
        [Next<Standard>("standard")]
        public partial class Fetch(HttpClient http)
        {
            string[] Prep(Shared shared) => shared.Urls;
            async Task<Page[]> ExecAsync(string[] urls, CancellationToken ct)
            {
                await Task.Delay(10, ct);
                return urls.Select(u => new Page(u, u.Length + (http.Timeout > TimeSpan.Zero ? 0 : 1))).ToArray();
            }
            Page[] ExecFallback(string[] urls, Exception error) => [];
            Action Post(Shared shared, string[] urls, Page[] pages)
            {
                shared.Pages.AddRange(pages);
                return pages.Length > 2 ? Action.Deep : Action.Standard;
            }
        }

        [Node]
        public partial class Deep
        {
            int Prep(Shared shared) => shared.Pages.Count;
            string Exec(int count) => $"deep:{count}";
            void Post(Shared shared, int count, string report) => shared.Report = report;
        }

        [Node]
        public partial class Standard
        {
            int Prep(Shared shared) => shared.Pages.Count;
            async Task<string> ExecAsync(int count, CancellationToken ct)
            {
                Thread.Sleep(1);
                await Task.Yield();
                return $"standard:{count}";
            }
            void Post(Shared shared, int count, string report) => shared.Report = report;
        }

        [Graph(typeof(Prepare))]
        public partial class AnalysisWorkflow;
        """;

    [Fact]
    public void Package_holds_the_runtime_for_both_targets_and_every_roslyn_component()
    {
        Assert.Contains("lib/net8.0/KayGraph.dll", package.Entries);
        Assert.Contains("lib/netstandard2.0/KayGraph.dll", package.Entries);
        Assert.Contains("lib/net8.0/KayGraph.xml", package.Entries);
        Assert.Contains("analyzers/dotnet/cs/KayGraph.Generators.dll", package.Entries);
        Assert.Contains("analyzers/dotnet/cs/KayGraph.Analyzers.dll", package.Entries);
        Assert.Contains("analyzers/dotnet/cs/KayGraph.CodeFixes.dll", package.Entries);
        Assert.Contains("README.md", package.Entries);
        Assert.True(File.Exists(Path.ChangeExtension(package.PackagePath, ".snupkg")), "the symbols package is missing");
    }

    [Fact]
    public void Package_metadata_describes_the_project()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        using var stream = archive.GetEntry("KayGraph.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("KayGraph", metadata.Element(ns + "id")!.Value);
        Assert.Equal(package.Version, metadata.Element(ns + "version")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.Contains("workflow", metadata.Element(ns + "tags")!.Value, StringComparison.Ordinal);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.NotNull(metadata.Element(ns + "repository")?.Attribute("url"));
    }

    [Fact]
    public void Fresh_consumer_builds_runs_the_design_example_and_sees_the_blocking_call_warning()
    {
        var directory = package.CreateConsumer("DesignExample", DesignExample);

        var build = DotNet.Run(directory, "build", "-c", "Release").ShouldSucceed();
        Assert.Contains("KG1001", build.Output, StringComparison.Ordinal);
        Assert.Contains("Thread.Sleep", build.Output, StringComparison.Ordinal);

        var run = DotNet.Run(directory, "run", "-c", "Release", "--no-build").ShouldSucceed();
        Assert.Contains("last=null pages=2 report=standard:2", run.Output, StringComparison.Ordinal);
        Assert.Contains("flowchart", run.Output, StringComparison.Ordinal);
        Assert.Contains("Fetch", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Generator_and_analyzers_load_in_an_older_compiler()
    {
        // Microsoft.Net.Compilers.Toolset 4.14 is the oldest compiler package served here: older than the SDK's own, so the
        // package's Roslyn components must not depend on anything newer than what they were built against (4.8).
        var directory = package.CreateConsumer(
            "OlderCompiler",
            DesignExample,
            """
            <PackageReference Include="Microsoft.Net.Compilers.Toolset" Version="4.14.0" PrivateAssets="all" />
              </ItemGroup>
              <Target Name="ShowCompilerTasks" BeforeTargets="CoreCompile">
                <Message Importance="high" Text="compiler tasks: $(RoslynTasksAssembly)" />
              </Target>
              <ItemGroup>
            """);
        var project = Path.Combine(directory, "OlderCompiler.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<Nullable>enable</Nullable>", "<Nullable>enable</Nullable><LangVersion>12</LangVersion><RoslynCompilerType>Custom</RoslynCompilerType>", StringComparison.Ordinal));

        var build = DotNet.Run(directory, "build", "-c", "Release").ShouldSucceed();
        // The compile ran with the package's compiler tasks (and so its csc), not the SDK's.
        var tasksLine = build.Output.Split('\n').Single(line => line.Contains("compiler tasks:", StringComparison.Ordinal));
        Assert.Contains("microsoft.net.compilers.toolset", tasksLine, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("4.14.0", tasksLine, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8032", build.Output, StringComparison.Ordinal); // an analyzer/generator failed to load
        Assert.DoesNotContain("CS8784", build.Output, StringComparison.Ordinal); // a generator failed to initialize
        Assert.Contains("KG1001", build.Output, StringComparison.Ordinal);

        var run = DotNet.Run(directory, "run", "-c", "Release", "--no-build").ShouldSucceed();
        Assert.Contains("last=null pages=2 report=standard:2", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_partial_is_an_error_that_dotnet_format_fixes()
    {
        var directory = package.CreateConsumer("AddPartial", """
            using KayGraph;

            var store = new Store();
            await new Workflows.CountGraph().RunAsync(store);
            Console.WriteLine($"count={store.Count}");

            public sealed class Store { public int Count; }

            public static class Workflows
            {
                [Node]
                public sealed class Count
                {
                    void Post(Store shared) => shared.Count++;
                }

                [Graph(typeof(Count))]
                public class CountGraph;
            }
            """);

        var broken = DotNet.Run(directory, "build", "-c", "Release");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("error KG0001: 'Count' must be declared partial", broken.Output, StringComparison.Ordinal);
        Assert.Contains("error KG0001: 'Workflows' must be declared partial", broken.Output, StringComparison.Ordinal);
        Assert.Contains("error KG0001: 'CountGraph' must be declared partial", broken.Output, StringComparison.Ordinal);

        DotNet.Run(directory, "format", "analyzers", "--diagnostics", "KG0001", "--severity", "error").ShouldSucceed();

        var fixedSource = File.ReadAllText(Path.Combine(directory, "Program.cs"));
        Assert.Contains("public static partial class Workflows", fixedSource, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class Count", fixedSource, StringComparison.Ordinal);
        Assert.Contains("public partial class CountGraph;", fixedSource, StringComparison.Ordinal);
        DotNet.Run(directory, "build", "-c", "Release").ShouldSucceed();
        Assert.Contains("count=1", DotNet.Run(directory, "run", "-c", "Release", "--no-build").ShouldSucceed().Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotnet_format_rewrites_thread_sleep_to_an_awaited_delay_that_builds()
    {
        var directory = package.CreateConsumer("FormatFix", """
            using KayGraph;

            var store = new Store();
            await new SleepyGraph().RunAsync(store);
            Console.WriteLine($"done={store.Done}");

            public sealed class Store { public bool Done; }

            [Node]
            public partial class Sleepy
            {
                async Task<int> ExecAsync(CancellationToken cancellationToken)
                {
                    Thread.Sleep(5);
                    await Task.Yield();
                    return 1;
                }

                void Post(Store shared, int value) => shared.Done = value == 1;
            }

            [Graph(typeof(Sleepy))]
            public partial class SleepyGraph;
            """);

        DotNet.Run(directory, "format", "analyzers", "--diagnostics", "KG1001", "--severity", "warn").ShouldSucceed();

        var fixedSource = File.ReadAllText(Path.Combine(directory, "Program.cs"));
        Assert.DoesNotContain("Thread.Sleep", fixedSource, StringComparison.Ordinal);
        Assert.Contains("await Task.Delay(5, cancellationToken);", fixedSource, StringComparison.Ordinal);

        var build = DotNet.Run(directory, "build", "-c", "Release").ShouldSucceed();
        Assert.DoesNotContain("KG1001", build.Output, StringComparison.Ordinal);
        Assert.Contains("done=True", DotNet.Run(directory, "run", "-c", "Release", "--no-build").ShouldSucceed().Output, StringComparison.Ordinal);
    }
}

/// <summary>The Roslyn components in the package are compiled against a compiler the .NET 8 SDK ships (4.8).</summary>
[Collection(PackageCollection.Name)]
public sealed class RoslynVersionTests(PackageFixture package)
{
    [Theory]
    [InlineData("analyzers/dotnet/cs/KayGraph.Generators.dll")]
    [InlineData("analyzers/dotnet/cs/KayGraph.Analyzers.dll")]
    [InlineData("analyzers/dotnet/cs/KayGraph.CodeFixes.dll")]
    public void Roslyn_component_references_at_most_Roslyn_4_8(string entry)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(package.PackagePath);
        using var stream = new MemoryStream();
        using (var source = archive.GetEntry(entry)!.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        var roslyn = metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .Where(reference => metadata.GetString(reference.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(roslyn);
        Assert.All(roslyn, reference => Assert.True(
            reference.Version <= new Version(4, 8, 0, 0),
            $"{entry} references {metadata.GetString(reference.Name)} {reference.Version}, newer than the .NET 8 SDK's compiler"));
    }
}
