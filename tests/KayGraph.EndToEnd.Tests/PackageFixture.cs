using System.IO.Compression;

namespace KayGraph.EndToEnd.Tests;

/// <summary>Packs the KayGraph package once, with a unique version so no stale copy from the NuGet cache is used.</summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "kaygraph-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "." + Environment.ProcessId;
        var project = Path.Combine(DotNet.RepositoryRoot, "src", "KayGraph", "KayGraph.csproj");
        PackOutput = DotNet.Run(DotNet.RepositoryRoot, "pack", project, "-c", "Release", "-o", Feed, $"-p:Version={Version}").ShouldSucceed().Output;
        PackagePath = Path.Combine(Feed, $"KayGraph.{Version}.nupkg");
        var sqlite = Path.Combine(DotNet.RepositoryRoot, "src", "KayGraph.Sqlite", "KayGraph.Sqlite.csproj");
        DotNet.Run(DotNet.RepositoryRoot, "pack", sqlite, "-c", "Release", "-o", Feed, $"-p:Version={Version}").ShouldSucceed();
        var hosting = Path.Combine(DotNet.RepositoryRoot, "src", "KayGraph.Hosting", "KayGraph.Hosting.csproj");
        DotNet.Run(DotNet.RepositoryRoot, "pack", hosting, "-c", "Release", "-o", Feed, $"-p:Version={Version}").ShouldSucceed();
        var orleans = Path.Combine(DotNet.RepositoryRoot, "src", "KayGraph.Orleans", "KayGraph.Orleans.csproj");
        DotNet.Run(DotNet.RepositoryRoot, "pack", orleans, "-c", "Release", "-o", Feed, $"-p:Version={Version}").ShouldSucceed();
        using var archive = ZipFile.OpenRead(PackagePath);
        Entries = archive.Entries.Select(e => e.FullName).ToArray();
    }

    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public string PackagePath { get; }

    public string PackOutput { get; }

    public IReadOnlyList<string> Entries { get; }

    /// <summary>Creates a consumer project folder with a nuget.config pointing at the local feed.</summary>
    public string CreateConsumer(string name, string programSource, string extraProjectItems = "", bool withSqlite = false, bool web = false)
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="kaygraph-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, $"{name}.csproj"), $"""
            <Project Sdk="{(web ? "Microsoft.NET.Sdk.Web" : "Microsoft.NET.Sdk")}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="KayGraph" Version="{Version}" />
                {(withSqlite ? $"<PackageReference Include=\"KayGraph.Sqlite\" Version=\"{Version}\" />" : string.Empty)}
                {extraProjectItems}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), programSource);
        // Isolate the consumer from the repository's Directory.Build.props / Directory.Packages.props.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />");
        return directory;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "KayGraph package";
}
