using System.Threading.Tasks;
using KayGraph.CodeFixes;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.AsyncTwinAnalyzer>;
using VerifyFix = KayGraph.Analyzers.Tests.Verifiers.CodeFixVerifier<KayGraph.Analyzers.AsyncTwinAnalyzer, KayGraph.CodeFixes.AsyncTwinCodeFix>;

namespace KayGraph.Analyzers.Tests;

public sealed class AsyncTwinTests
{
    [Fact]
    public Task Reports_well_known_sync_calls_with_awaitable_twins() => Verify.VerifyAsync("""
        using System.Data.Common;
        using System.Net.Http;

        [Node]
        public partial class Fetch
        {
            async Task<string> ExecAsync(string path, Stream stream, HttpClient http, HttpRequestMessage request, DbCommand command, SemaphoreSlim gate)
            {
                string text = [|File.ReadAllText(path)|];
                byte[] buffer = new byte[10];
                int read = [|stream.Read(buffer, 0, buffer.Length)|];
                using HttpResponseMessage response = [|http.Send(request)|];
                using DbDataReader reader = [|command.ExecuteReader()|];
                [|gate.Wait()|];
                await Task.Yield();
                return text + read;
            }
        }
        """);

    [Fact]
    public Task Message_names_the_api_and_the_twin() => Verify.VerifyAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task<string> ExecAsync(string path) { await Task.Yield(); return {|#0:File.ReadAllText(path)|}; }
        }
        """,
        null,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.SyncCallWithAsyncTwin).WithLocation(0).WithArguments("File.ReadAllText", "ExecAsync", "await File.ReadAllTextAsync"));

    [Fact]
    public Task Reports_same_compilation_twins_with_matching_parameters() => Verify.VerifyAsync("""
        public class Store
        {
            public int Load(string key) => 0;
            public Task<int> LoadAsync(string key, CancellationToken ct = default) => Task.FromResult(0);
            public void Save(string key, int value) { }
            public Task SaveAsync(string key, long value) => Task.CompletedTask;
            public int Count() => 0;
            [Obsolete] public Task<int> CountAsync() => Task.FromResult(0);
            public int Peek() => 0;
            private Task<int> PeekAsync() => Task.FromResult(0);
            public string Name() => "";
            public Task<int> NameAsync() => Task.FromResult(0);
        }

        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(Store store)
            {
                int value = [|store.Load("a")|];
                store.Save("a", 1);
                value += store.Count() + store.Peek() + store.Name().Length;
                await Task.Yield();
                return value;
            }
        }
        """);

    [Fact]
    public Task Excluded_types_zero_waits_and_blocking_waits_of_other_rules_are_not_reported() => Verify.VerifyAsync("""
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync(SemaphoreSlim gate, Task task)
            {
                Console.WriteLine("hello");
                using var memory = new MemoryStream();
                memory.Write(new byte[1], 0, 1);
                memory.Flush();
                var writer = new StringWriter();
                writer.Write("x");
                bool entered = gate.Wait(0);
                task.Wait();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task The_enclosing_method_is_never_its_own_twin() => Verify.VerifyAsync(
        """
        public class Reader
        {
            public int Read() => 0;

            public async Task<int> ReadAsync()
            {
                await Task.Yield();
                return Read();
            }
        }
        """,
        "kaygraph.analyze_all_async_methods = true");

    [Fact]
    public Task Dispose_whose_dispose_async_only_calls_dispose_is_not_reported() => Verify.VerifyAsync("""
        public sealed class Resource : IDisposable, IAsyncDisposable
        {
            public void Dispose() { }
            public ValueTask DisposeAsync() { Dispose(); return default; }
        }

        [Node]
        public partial class Fetch
        {
            async Task ExecAsync(Resource resource, Stream stream)
            {
                resource.Dispose();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Option_excludes_more_apis() => Verify.VerifyAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task<string> ExecAsync(string path)
            {
                await Task.Yield();
                return File.ReadAllText(path) + [|File.ReadAllBytes(path)|].Length;
            }
        }
        """,
        "kaygraph.excluded_sync_apis = System.IO.File.ReadAllText; MyCompany.Cache");

    [Fact]
    public Task Sync_lambdas_inside_async_phases_are_not_reported() => Verify.VerifyAsync("""
        [Node]
        public partial class Fetch
        {
            async Task<string> ExecAsync(string path) => await Task.Run(() => File.ReadAllText(path));
        }
        """);

    [Fact]
    public Task Fix_awaits_the_twin_and_passes_the_token() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(string path, Stream stream, CancellationToken ct)
            {
                string text = [|File.ReadAllText(path)|];
                byte[] buffer = new byte[8];
                int read = [|stream.Read(buffer, 0, 8)|];
                int length = [|File.ReadAllBytes(path)|].Length;
                return text.Length + read + length;
            }
        }
        """,
        """
        [Node]
        public partial class Fetch
        {
            async Task<int> ExecAsync(string path, Stream stream, CancellationToken ct)
            {
                string text = await File.ReadAllTextAsync(path, ct);
                byte[] buffer = new byte[8];
                int read = await stream.ReadAsync(buffer, 0, 8, ct);
                int length = (await File.ReadAllBytesAsync(path, ct)).Length;
                return text.Length + read + length;
            }
        }
        """,
        AsyncTwinCodeFix.AwaitTwinKey);

    [Fact]
    public Task Fix_without_token_awaits_the_twin_alone() => VerifyFix.VerifyFixAsync(
        """
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync(string path)
            {
                [|File.WriteAllText(path, "x")|];
            }
        }
        """,
        """
        [Node]
        public partial class Fetch
        {
            async Task ExecAsync(string path)
            {
                await File.WriteAllTextAsync(path, "x");
            }
        }
        """,
        AsyncTwinCodeFix.AwaitTwinKey);
}
