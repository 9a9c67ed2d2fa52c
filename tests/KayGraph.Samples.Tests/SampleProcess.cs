using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace KayGraph.Samples.Tests;

/// <summary>What a sample printed and how it exited.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Its standard output.</param>
/// <param name="Error">Its standard error.</param>
public sealed record SampleRun(int ExitCode, string Output, string Error)
{
    /// <summary>The output's lines, trimmed.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n').Select(line => line.Trim()).ToArray();

    /// <summary>The one line that starts with <paramref name="prefix"/> (after trimming), failing when there is none.</summary>
    public string Line(string prefix)
    {
        var line = Lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Xunit.Assert.True(line is not null, $"No line starts with '{prefix}' in:\n{Output}\n{Error}");
        return line!;
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Starts a built sample as a child process (<c>dotnet samples/X/bin/&lt;configuration&gt;/net10.0/X.dll</c>), its output
/// redirected, with a timeout after which it is killed and the test fails.
/// </summary>
public static class SampleProcess
{
    public static string RepositoryRoot { get; } = Path.GetFullPath(Metadata("RepositoryRoot"));

    private static string Configuration { get; } = Metadata("Configuration");

    public static string DllOf(string sample) =>
        Path.Combine(RepositoryRoot, "samples", sample, "bin", Configuration, "net10.0", sample + ".dll");

    public static async Task<SampleRun> RunAsync(
        string sample,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = DllOf(sample);
        Xunit.Assert.True(File.Exists(dll), $"{dll} is not built");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "true";   // numbers print as the assertions expect
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Xunit.Assert.Fail($"{sample} did not finish within {timeout.TotalSeconds} s.\n{await output}\n{await error}");
        }

        return new SampleRun(process.ExitCode, await output, await error);
    }

    private static string Metadata(string key) =>
        typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
