using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace KayGraph.Analyzers.Tests;

/// <summary>
/// The end-to-end goal of the analyzers: in a consumer project, <c>Thread.Sleep</c> inside <c>ExecAsync</c> shows KG1001 in
/// the build output, and <c>dotnet format analyzers --diagnostics KG1001</c> rewrites it to <c>await Task.Delay(..., token)</c>
/// leaving a project that builds.
/// </summary>
public sealed class ConsumerProjectTests : IDisposable
{
    private static readonly string[] Assemblies =
    [
        "KayGraph.dll",
        "KayGraph.Generators.dll",
        "KayGraph.Analyzers.dll",
        "KayGraph.CodeFixes.dll",
        "Microsoft.Extensions.Logging.Abstractions.dll",
        "Microsoft.Extensions.DependencyInjection.Abstractions.dll",
    ];

    private readonly string directory = Path.Combine(Path.GetTempPath(), "kaygraph-analyzers-consumer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task Build_reports_KG1001_and_dotnet_format_fixes_it_into_a_project_that_builds()
    {
        WriteConsumerProject();

        (int buildExit, string buildOutput) = await RunDotNetAsync("build");
        Assert.True(buildExit == 0, buildOutput);
        Assert.Contains("warning KG1001", buildOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", buildOutput, StringComparison.Ordinal);

        (int formatExit, string formatOutput) = await RunDotNetAsync("format analyzers Consumer.csproj --diagnostics KG1001");
        Assert.True(formatExit == 0, formatOutput);
        string fixedSource = await File.ReadAllTextAsync(Path.Combine(directory, "Fetch.cs"));
        Assert.Contains("await Task.Delay(500, cancellationToken);", fixedSource, StringComparison.Ordinal);
        Assert.DoesNotContain("Thread.Sleep", fixedSource, StringComparison.Ordinal);

        (int rebuildExit, string rebuildOutput) = await RunDotNetAsync("build");
        Assert.True(rebuildExit == 0, rebuildOutput);
        Assert.DoesNotContain("KG1001", rebuildOutput, StringComparison.Ordinal);
    }

    private void WriteConsumerProject()
    {
        string lib = Path.Combine(directory, "lib");
        Directory.CreateDirectory(lib);
        foreach (string assembly in Assemblies)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, assembly), Path.Combine(lib, assembly));
        }

        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="lib/KayGraph.dll" />
                <Reference Include="lib/Microsoft.Extensions.Logging.Abstractions.dll" />
                <Reference Include="lib/Microsoft.Extensions.DependencyInjection.Abstractions.dll" />
                <Analyzer Include="lib/KayGraph.Generators.dll" />
                <Analyzer Include="lib/KayGraph.Analyzers.dll" />
                <Analyzer Include="lib/KayGraph.CodeFixes.dll" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Fetch.cs"), """
            using System.Threading;
            using System.Threading.Tasks;
            using KayGraph;

            namespace Consumer;

            [Node]
            public partial class Fetch
            {
                private int Prep(object shared) => 1;

                private async Task<int> ExecAsync(int input, CancellationToken cancellationToken)
                {
                    Thread.Sleep(500);
                    return input;
                }

                public Task<int> RunOnceAsync(CancellationToken cancellationToken) => ExecAsync(1, cancellationToken);
            }
            """);
    }

    private async Task<(int ExitCode, string Output)> RunDotNetAsync(string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
