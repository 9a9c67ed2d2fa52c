using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KayGraph.EndToEnd.Tests;

/// <summary>
/// A minimal Language Server Protocol client: starts a server as a child process and speaks JSON-RPC 2.0 over its
/// stdin/stdout with <c>Content-Length</c> framing. Requests from the server to the client are answered by the handlers
/// passed in (anything else gets "method not found"); notifications are handed to a callback on the reading thread.
/// </summary>
internal sealed class LspClient : IDisposable
{
    private const int MethodNotFound = -32601;
    private const int LogLines = 300;

    private readonly Process process;
    private readonly Stream serverInput;
    private readonly Stream serverOutput;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> pending = new();
    private readonly IReadOnlyDictionary<string, Func<JsonElement?, JsonNode?>> serverRequests;
    private readonly Action<string, JsonElement?> onNotification;
    private readonly ConcurrentQueue<string> log = new();
    private readonly Task readLoop;
    private long lastId;

    private LspClient(
        Process process,
        IReadOnlyDictionary<string, Func<JsonElement?, JsonNode?>> serverRequests,
        Action<string, JsonElement?> onNotification)
    {
        this.process = process;
        this.serverRequests = serverRequests;
        this.onNotification = onNotification;
        serverInput = process.StandardInput.BaseStream;
        serverOutput = new BufferedStream(process.StandardOutput.BaseStream);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Log("stderr: " + e.Data); } };
        process.BeginErrorReadLine();
        readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>The server's process id.</summary>
    public int ProcessId => process.Id;

    /// <summary>Whether the server process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Starts <paramref name="executable"/> in <paramref name="workingDirectory"/> and connects to it.</summary>
    public static LspClient Start(
        string executable,
        string workingDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, Func<JsonElement?, JsonNode?>> serverRequests,
        Action<string, JsonElement?> onNotification)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        DotNet.IsolateFromTestHost(start);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        return new LspClient(process, serverRequests, onNotification);
    }

    /// <summary>Sends a request and waits for its result; a JSON-RPC error becomes an <see cref="LspException"/>.</summary>
    public async Task<JsonElement> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref lastId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        await WriteAsync(message).ConfigureAwait(false);
        try
        {
            return await reply.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            pending.TryRemove(id, out _);
            throw new TimeoutException($"the server did not answer `{method}` within {timeout.TotalSeconds:0} s.\n{LogTail()}");
        }
    }

    /// <summary>Sends a notification.</summary>
    public Task NotifyAsync(string method, JsonNode? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return WriteAsync(message);
    }

    /// <summary>Ends the session as the protocol asks (<c>shutdown</c>, then <c>exit</c>) and waits for the process.</summary>
    /// <returns>The server's exit code, or <c>null</c> if it did not exit in time.</returns>
    public async Task<int?> ShutdownAsync(TimeSpan timeout)
    {
        await RequestAsync("shutdown", null, timeout).ConfigureAwait(false);
        try
        {
            await NotifyAsync("exit", null).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The server may close its input as soon as it has answered the shutdown request.
        }

        using var waiting = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(waiting.Token).ConfigureAwait(false);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Adds a line to the session log (kept short: the last lines only) that failure messages show.</summary>
    public void Log(string line)
    {
        log.Enqueue(line);
        while (log.Count > LogLines && log.TryDequeue(out _))
        {
        }
    }

    /// <summary>The last lines the server wrote to stderr or logged, for failure messages.</summary>
    public string LogTail() => "--- server log (last lines) ---\n" + string.Join('\n', log);

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in between.
        }

        try
        {
            readLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop's failures were already handed to the pending requests.
        }

        serverOutput.Dispose();
        process.Dispose();
        writeLock.Dispose();
    }

    private async Task WriteAsync(JsonObject message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message);
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n");
        await writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await serverInput.WriteAsync(header).ConfigureAwait(false);
            await serverInput.WriteAsync(body).ConfigureAwait(false);
            await serverInput.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception ended;
        try
        {
            while (true)
            {
                var body = await ReadMessageAsync().ConfigureAwait(false);
                if (body is null)
                {
                    ended = new IOException("the server closed its output");
                    break;
                }

                JsonElement message;
                using (var document = JsonDocument.Parse(body))
                {
                    message = document.RootElement.Clone();
                }

                await DispatchAsync(message).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // Whatever ends the loop (a broken pipe, a malformed message, a failing handler) fails the waiting requests at
            // once instead of leaving them to their timeouts.
            ended = exception;
        }

        foreach (var id in pending.Keys)
        {
            if (pending.TryRemove(id, out var reply))
            {
                reply.TrySetException(new IOException($"the server's connection ended: {ended.Message}\n{LogTail()}", ended));
            }
        }
    }

    private async Task DispatchAsync(JsonElement message)
    {
        var hasMethod = message.TryGetProperty("method", out var methodElement);
        var hasId = message.TryGetProperty("id", out var id);
        JsonElement? parameters = message.TryGetProperty("params", out var p) ? p : null;
        if (hasMethod && hasId)
        {
            // A request from the server.
            var method = methodElement.GetString() ?? "";
            var reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()) };
            if (serverRequests.TryGetValue(method, out var handler))
            {
                reply["result"] = handler(parameters);
            }
            else
            {
                reply["error"] = new JsonObject { ["code"] = MethodNotFound, ["message"] = $"the test client does not handle {method}" };
            }

            Log($"server request {method} answered");
            await WriteAsync(reply).ConfigureAwait(false);
        }
        else if (hasMethod)
        {
            var method = methodElement.GetString() ?? "";
            if (method == "window/logMessage" && parameters is { } logParameters && logParameters.TryGetProperty("message", out var text))
            {
                Log("log: " + text.GetString());
            }

            onNotification(method, parameters);
        }
        else if (hasId && id.ValueKind == JsonValueKind.Number && pending.TryRemove(id.GetInt64(), out var reply))
        {
            if (message.TryGetProperty("error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetInt32() : 0;
                var text = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                reply.TrySetException(new LspException(code, text ?? "(no message)"));
            }
            else
            {
                reply.TrySetResult(message.TryGetProperty("result", out var result) ? result : default);
            }
        }
    }

    /// <summary>Reads one framed message body, or <c>null</c> at the end of the stream.</summary>
    private async Task<byte[]?> ReadMessageAsync()
    {
        int? length = null;
        while (true)
        {
            var line = await ReadHeaderLineAsync().ConfigureAwait(false);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line[(colon + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        if (length is not { } size)
        {
            throw new IOException("a message header has no Content-Length");
        }

        var body = new byte[size];
        await serverOutput.ReadExactlyAsync(body).ConfigureAwait(false);
        return body;
    }

    private async Task<string?> ReadHeaderLineAsync()
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var read = await serverOutput.ReadAsync(one).ConfigureAwait(false);
            if (read == 0)
            {
                return bytes.Count == 0 ? null : throw new IOException("the stream ended inside a message header");
            }

            if (one[0] == (byte)'\n')
            {
                if (bytes.Count > 0 && bytes[^1] == (byte)'\r')
                {
                    bytes.RemoveAt(bytes.Count - 1);
                }

                return Encoding.ASCII.GetString(bytes.ToArray());
            }

            bytes.Add(one[0]);
        }
    }
}

/// <summary>A JSON-RPC error answer from the language server.</summary>
internal sealed class LspException(int code, string message) : Exception($"LSP error {code}: {message}")
{
    public int Code { get; } = code;
}
