using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KayGraph.EndToEnd.Tests;

/// <summary>
/// Installs the csharp-ls language server (a .NET tool from the NuGet registry) once per test run into a folder of its
/// own, and runs one editor session against a consumer of the packed package: the diagnostics the server reports for
/// the consumer's Program.cs are collected once and shared by the editor tests.
/// </summary>
public sealed class CsharpLsFixture : IDisposable
{
    /// <summary>The csharp-ls version the editor tests pin.</summary>
    public const string Version = "0.28.0";

    /// <summary>How long the server may take to load the workspace and report analyzer diagnostics (first load is slow).</summary>
    public static readonly TimeSpan DiagnosticsBudget = TimeSpan.FromMinutes(3);

    private readonly string toolDirectory;
    private readonly SemaphoreSlim sessionLock = new(1, 1);
    private readonly Dictionary<string, Task<EditorReport>> sessions = [];

    public CsharpLsFixture()
    {
        toolDirectory = Path.Combine(Path.GetTempPath(), "kaygraph-e2e-csharp-ls-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(toolDirectory);
        try
        {
            // The temporary folder as working directory: no repository nuget.config or global.json takes part.
            var install = DotNet.Run(toolDirectory, "tool", "install", "csharp-ls", "--tool-path", toolDirectory, "--version", Version);
            InstallOutput = install.Output;
            var executable = Path.Combine(toolDirectory, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls");
            if (install.ExitCode == 0 && File.Exists(executable))
            {
                Executable = executable;
            }
        }
        catch (Exception exception) when (exception is TimeoutException or System.ComponentModel.Win32Exception or IOException)
        {
            InstallOutput = exception.ToString();
        }
    }

    /// <summary>The installed csharp-ls executable, or <c>null</c> if the install failed.</summary>
    public string? Executable { get; }

    /// <summary>What <c>dotnet tool install</c> printed (or why it could not run).</summary>
    public string InstallOutput { get; } = "";

    /// <summary>Whether the tests run in CI, where an editor test that cannot run is a failure, never a skip.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Returns the installed executable. Without one, the calling test fails in CI and is skipped (with the install's
    /// output as the reason) elsewhere, e.g. on a machine that cannot reach the NuGet registry.
    /// </summary>
    public string RequireExecutable()
    {
        if (Executable is { } executable)
        {
            return executable;
        }

        var reason = $"csharp-ls {Version} could not be installed with `dotnet tool install`:\n{InstallOutput}";
        if (InCi)
        {
            throw new Xunit.Sdk.XunitException(reason + "\nCI=true: the editor test must run, so this is a failure.");
        }

        throw new SkipException(reason);
    }

    /// <summary>
    /// Runs the editor session of <paramref name="projectName"/> once (a consumer project of <paramref name="package"/>,
    /// restored, its Program.cs opened in csharp-ls) and returns its diagnostics; later calls for the same project get the
    /// same report, or the same failure.
    /// </summary>
    public async Task<EditorReport> ReportAsync(PackageFixture package, string projectName, string programSource)
    {
        var executable = RequireExecutable();
        Task<EditorReport>? session;
        await sessionLock.WaitAsync();
        try
        {
            if (!sessions.TryGetValue(projectName, out session))
            {
                session = Task.Run(() => RunSessionAsync(executable, package, projectName, programSource));
                sessions[projectName] = session;
            }
        }
        finally
        {
            sessionLock.Release();
        }

        return await session;
    }

    public void Dispose()
    {
        sessionLock.Dispose();
        try
        {
            Directory.Delete(toolDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task<EditorReport> RunSessionAsync(string executable, PackageFixture package, string projectName, string programSource)
    {
        var directory = package.CreateConsumer(projectName, programSource);
        // The server loads the project with MSBuild's design-time build, which needs the assets of a restore.
        DotNet.Run(directory, "restore").ShouldSucceed();

        var documentPath = Path.Combine(directory, "Program.cs");
        var documentUri = new Uri(documentPath).AbsoluteUri;
        var rootUri = new Uri(directory).AbsoluteUri;
        var clock = Stopwatch.StartNew();

        var pullRegistered = false;
        var pushed = new List<JsonElement>();
        var pushLock = new object();
        var serverRequests = new Dictionary<string, Func<JsonElement?, JsonNode?>>
        {
            ["workspace/configuration"] = ConfigurationFor,
            ["client/registerCapability"] = parameters =>
            {
                if (parameters is { } p && p.TryGetProperty("registrations", out var registrations)
                    && registrations.EnumerateArray().Any(r => r.GetProperty("method").GetString() == "textDocument/diagnostic"))
                {
                    Volatile.Write(ref pullRegistered, true);
                }

                return null;
            },
            ["client/unregisterCapability"] = _ => null,
            ["window/workDoneProgress/create"] = _ => null,
            ["workspace/diagnostic/refresh"] = _ => null,
            ["workspace/semanticTokens/refresh"] = _ => null,
        };

        // No --solution: csharp-ls takes a .sln/.slnx only, and without one it loads the project files it finds in the
        // workspace folder, here the consumer's single .csproj.
        using var client = LspClient.Start(executable, directory, [], serverRequests, (method, parameters) =>
        {
            if (method == "textDocument/publishDiagnostics" && parameters is { } p
                && p.TryGetProperty("uri", out var uri) && uri.GetString() == documentUri
                && p.TryGetProperty("diagnostics", out var published))
            {
                lock (pushLock)
                {
                    pushed.Add(published);
                }
            }
        });

        var initialize = await client.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = rootUri,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = projectName }),
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true },
                ["window"] = new JsonObject { ["workDoneProgress"] = true },
                ["textDocument"] = new JsonObject
                {
                    ["synchronization"] = new JsonObject { ["dynamicRegistration"] = false },
                    ["publishDiagnostics"] = new JsonObject { ["relatedInformation"] = false },
                    // Static registration: the server then announces pull support in its initialize result.
                    ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false, ["relatedDocumentSupport"] = false },
                },
            },
        }, DiagnosticsBudget);
        var pullAnnounced = initialize.TryGetProperty("capabilities", out var capabilities)
            && capabilities.TryGetProperty("diagnosticProvider", out var provider)
            && provider.ValueKind is not (JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined);

        await client.NotifyAsync("initialized", new JsonObject());
        await client.NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject
            {
                ["uri"] = documentUri,
                ["languageId"] = "csharp",
                ["version"] = 1,
                ["text"] = programSource,
            },
        });

        // Poll until the report holds a KayGraph analyzer diagnostic: then the project, its package and its analyzers are
        // loaded, and (a pull report being computed in one go over all analyzers) the report is complete.
        IReadOnlyList<LspDiagnostic> diagnostics = [];
        var requests = 0;
        string mode;
        while (true)
        {
            var remaining = DiagnosticsBudget - clock.Elapsed;
            if (pullAnnounced || Volatile.Read(ref pullRegistered))
            {
                mode = "pull (textDocument/diagnostic)";
                requests++;
                var report = await client.RequestAsync("textDocument/diagnostic", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = documentUri },
                }, remaining > TimeSpan.Zero ? remaining : TimeSpan.FromSeconds(1));
                if (report.ValueKind == JsonValueKind.Object && report.TryGetProperty("items", out var items))
                {
                    diagnostics = LspDiagnostic.ParseAll(items);
                }
            }
            else
            {
                mode = "push (textDocument/publishDiagnostics)";
                lock (pushLock)
                {
                    if (pushed.Count > 0)
                    {
                        diagnostics = LspDiagnostic.ParseAll(pushed[^1]);
                    }
                }
            }

            if (diagnostics.Any(d => d.Code.StartsWith("KG1", StringComparison.Ordinal)))
            {
                break;
            }

            if (clock.Elapsed > DiagnosticsBudget)
            {
                throw new TimeoutException(
                    $"csharp-ls reported no KayGraph analyzer diagnostic for {documentPath} within {DiagnosticsBudget.TotalMinutes:0} minutes " +
                    $"({mode}, {requests} requests); its last report had: [{string.Join(", ", diagnostics.Select(d => d.Code))}]\n{client.LogTail()}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var elapsed = clock.Elapsed;
        var exitCode = await client.ShutdownAsync(TimeSpan.FromSeconds(30));
        return new EditorReport(diagnostics, mode, elapsed, requests, exitCode);
    }

    /// <summary>
    /// Answers <c>workspace/configuration</c>: one value per requested item, the value of the requested section (LSP
    /// spec). csharp-ls 0.28 asks for the section "csharp" and reads <c>analyzersEnabled</c> from it: that switch is what
    /// makes it run the project's analyzers (KayGraph's among them) and not only the compiler. Wrapped once more for that
    /// section (<c>{"csharp": {"analyzersEnabled": true}}</c>) the switch is not seen: csharp-ls then logs
    /// <c>analyzersEnabled = None</c> and reports compiler diagnostics only.
    /// </summary>
    private static JsonNode ConfigurationFor(JsonElement? parameters)
    {
        var answers = new JsonArray();
        if (parameters is { } p && p.TryGetProperty("items", out var items))
        {
            foreach (var item in items.EnumerateArray())
            {
                var section = item.TryGetProperty("section", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                answers.Add(section switch
                {
                    "csharp" => new JsonObject { ["analyzersEnabled"] = true },
                    null or "" => new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } },
                    _ => null,
                });
            }
        }

        return answers;
    }
}

/// <summary>What the editor session saw: the diagnostics of Program.cs and how they were obtained.</summary>
public sealed record EditorReport(IReadOnlyList<LspDiagnostic> Diagnostics, string Mode, TimeSpan Elapsed, int PullRequests, int? ServerExitCode);

/// <summary>One LSP diagnostic (0-based lines and characters, LSP severities: 1 error, 2 warning, 3 information, 4 hint).</summary>
public sealed record LspDiagnostic(string Code, int Severity, int StartLine, int StartCharacter, int EndLine, int EndCharacter, string Message)
{
    public const int Error = 1;
    public const int Warning = 2;

    public static IReadOnlyList<LspDiagnostic> ParseAll(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Select(Parse).ToArray() : [];

    public override string ToString() =>
        $"{Code} (severity {Severity}) at {StartLine}:{StartCharacter}-{EndLine}:{EndCharacter}: {Message}";

    private static LspDiagnostic Parse(JsonElement diagnostic)
    {
        var code = diagnostic.TryGetProperty("code", out var c)
            ? c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : c.GetRawText()
            : "";
        var severity = diagnostic.TryGetProperty("severity", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 0;
        var range = diagnostic.GetProperty("range");
        var start = range.GetProperty("start");
        var end = range.GetProperty("end");
        return new LspDiagnostic(
            code,
            severity,
            start.GetProperty("line").GetInt32(),
            start.GetProperty("character").GetInt32(),
            end.GetProperty("line").GetInt32(),
            end.GetProperty("character").GetInt32(),
            diagnostic.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
    }
}
