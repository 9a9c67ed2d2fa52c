using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace KayGraph.EndToEnd.Tests;

/// <summary>Runs the `dotnet` CLI and captures its output.</summary>
internal static class DotNet
{
    public static string RepositoryRoot { get; } =
        typeof(DotNet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static CommandResult Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        IsolateFromTestHost(start);

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 8 minutes:\n{output}");
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.ToString(), $"dotnet {string.Join(' ', arguments)}");
    }

    /// <summary>
    /// Keeps a child process (a build, or a language server that runs MSBuild itself) independent of the test host's
    /// MSBuild state: `dotnet test` exports the SDK it runs under, which would pin the child's MSBuild to it.
    /// </summary>
    public static void IsolateFromTestHost(ProcessStartInfo start)
    {
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
    }
}

internal sealed record CommandResult(int ExitCode, string Output, string Command)
{
    public CommandResult ShouldSucceed()
    {
        if (ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"`{Command}` exited with {ExitCode}:\n{Output}");
        }

        return this;
    }
}
