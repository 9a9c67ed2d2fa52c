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

    /// <summary>The first line that starts with <paramref name="prefix"/> (after trimming), failing when there is none.</summary>
    public string Line(string prefix)
    {
        var line = Lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"No line starts with '{prefix}' in:\n{this}");
        return line!;
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// A built sample started as a child process (<c>dotnet exec samples/X/bin/&lt;configuration&gt;/net10.0/X.dll</c>), its
/// output redirected (so samples print plain text), with a timeout after which it is killed and the test fails.
/// </summary>
public sealed class SampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    private SampleProcess(string sample, Process process)
    {
        Sample = sample;
        _process = process;
    }

    public static string RepositoryRoot { get; } = Path.GetFullPath(Metadata("RepositoryRoot"));

    public string Sample { get; }

    private static string Configuration { get; } = Metadata("Configuration");

    public static string DllOf(string sample) =>
        Path.Combine(RepositoryRoot, "samples", sample, "bin", Configuration, "net10.0", sample + ".dll");

    /// <summary>Runs a sample to its end.</summary>
    public static async Task<SampleRun> RunAsync(
        string sample,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(sample, arguments, workingDirectory, environment);
        return await process.WaitForExitAsync(timeout);
    }

    /// <summary>Starts a sample; read its output with <see cref="WaitForLineAsync"/>, stop it with <see cref="Interrupt"/>.</summary>
    public static SampleProcess Start(
        string sample,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = DllOf(sample);
        Assert.True(File.Exists(dll), $"{dll} is not built");
        // The host that runs the tests (the dotnet CLI sets DOTNET_HOST_PATH for its children), else the one on the PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
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

        var process = new Process { StartInfo = start };
        var sampleProcess = new SampleProcess(sample, process);
        process.OutputDataReceived += (_, e) => sampleProcess.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                sampleProcess._errorClosed.TrySetResult();
                return;
            }

            lock (sampleProcess._error)
            {
                sampleProcess._error.Append(e.Data).Append('\n');
            }
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sampleProcess;
    }

    /// <summary>Waits until the sample prints a line that matches (trimmed), and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var earlier = _output.ToString().Split('\n').Select(l => l.Trim()).FirstOrDefault(match);
            if (earlier is not null)
            {
                return earlier;
            }

            _waiters.Add((match, seen));
        }

        var finished = await Task.WhenAny(seen.Task, _outputClosed.Task, Task.Delay(timeout));
        Assert.True(finished == seen.Task, $"{Sample} printed no such line within {timeout.TotalSeconds} s:\n{_output}\n{_error}");
        return await seen.Task;
    }

    /// <summary>Sends SIGINT, what Ctrl+C in a terminal sends (the sample's <c>Console.CancelKeyPress</c> sees it).</summary>
    public void Interrupt()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", "INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<SampleRun> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            await Task.WhenAll(_outputClosed.Task, _errorClosed.Task).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            Assert.Fail($"{Sample} did not finish within {timeout.TotalSeconds} s.\n{_output}\n{_error}");
        }

        lock (_output)
        {
            lock (_error)
            {
                return new SampleRun(_process.ExitCode, _output.ToString(), _error.ToString());
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string Metadata(string key) =>
        typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            _outputClosed.TrySetResult();
            return;
        }

        lock (_output)
        {
            _output.Append(line).Append('\n');
            var trimmed = line.Trim();
            foreach (var waiter in _waiters.Where(w => w.Match(trimmed)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Seen.TrySetResult(trimmed);
            }
        }
    }
}
