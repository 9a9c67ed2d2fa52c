using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace KayGraph.Hosting.Tests;

/// <summary>The WebApi sample as a real process (<c>dotnet WebApi.dll</c>) on a loopback port: Kestrel, its own SQLite file.</summary>
public sealed class WebApiProcess : IAsyncDisposable
{
    public static readonly string AppPath = Path.GetFullPath(typeof(WebApiProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WebApiPath").Value!);

    private readonly StringBuilder _output = new();

    private WebApiProcess(Process process, Uri address)
    {
        Process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Process Process { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app and waits until it answers HTTP.</summary>
    public static async Task<WebApiProcess> StartAsync(string database, int paragraphDelayMilliseconds, int port = 0, IDictionary<string, string>? settings = null)
    {
        port = port == 0 ? FreePort() : port;
        var address = new Uri($"http://127.0.0.1:{port}/");
        // As `dotnet run --project samples/WebApi` does: the project folder is the content root (wwwroot, appsettings.json).
        var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(AppPath)!, "..", "..", ".."));
        var info = new ProcessStartInfo("dotnet", $"\"{AppPath}\" --contentRoot \"{project}\"")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Reviews"] = $"Data Source={database}";
        info.Environment["Review__ParagraphDelayMilliseconds"] = paragraphDelayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var app = new WebApiProcess(process, address);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{app.Output}");
            }

            try
            {
                using var response = await app.Client.GetAsync("/graph");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The app did not answer on {address} within 60 s:\n{app.Output}");
    }

    /// <summary>SIGKILL: no graceful stop, no finally blocks, no flushing.</summary>
    public async Task KillAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
