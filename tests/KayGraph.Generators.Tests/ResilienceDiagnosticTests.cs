using System.Globalization;
using System.Linq;
using KayGraph.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KayGraph.Generators.Tests;

/// <summary>
/// KG0011 for the resilience arguments: negative caps and timeouts, jitter or a growing backoff without waits, a cap below
/// the wait, and [RetryOn] of a type that is no exception, of cancellation, or on a graph; each on its argument or attribute,
/// with a message that says why. The valid counterparts report nothing and compile warning-free.
/// </summary>
public sealed class ResilienceDiagnosticTests
{
    private const string Header = """
        using System;
        using System.Threading.Tasks;
        using KayGraph;

        public sealed class S { public int Value; }

        """;

    private const string Broken = Header + """
        [Node(MaxRetries = 2, WaitMilliseconds = 10, {|KG0011:MaxWaitMilliseconds = -1|})]
        public partial class NegativeCap { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 2, {|KG0011:TimeoutMilliseconds = -5|})]
        public partial class NegativeTimeout { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 2, {|KG0011:Jitter = true|})]
        public partial class JitterWithoutWaits { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 3, {|KG0011:Backoff = Backoff.Exponential|})]
        public partial class BackoffWithoutWaits { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 3, WaitMilliseconds = 500, {|KG0011:MaxWaitMilliseconds = 100|})]
        public partial class CapBelowWait { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 2)]
        [{|KG0011:RetryOn(typeof(string))|}]
        public partial class NotAnException { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 2)]
        [{|KG0011:RetryOn<OperationCanceledException>|}]
        [{|KG0011:RetryOn(typeof(TaskCanceledException))|}]
        public partial class Cancellation { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 2, WaitMilliseconds = 5, {|KG0011:Backoff = (Backoff)7|})]
        public partial class UnknownBackoff { void Post(S shared) => shared.Value++; }

        [Graph(typeof(NegativeCap))]
        [{|KG0011:RetryOn<TimeoutException>|}]
        public partial class RetryingGraph;
        """;

    private const string Fixed = Header + """
        [Node(MaxRetries = 2, WaitMilliseconds = 10, MaxWaitMilliseconds = 0)]
        public partial class NegativeCap { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 2, TimeoutMilliseconds = 5)]
        public partial class NegativeTimeout { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 2, WaitMilliseconds = 100, Jitter = true)]
        public partial class JitterWithoutWaits { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 3, WaitMilliseconds = 100, Backoff = Backoff.Exponential)]
        public partial class BackoffWithoutWaits { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 3, WaitMilliseconds = 500, MaxWaitMilliseconds = 500)]
        public partial class CapBelowWait { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 2)]
        [RetryOn(typeof(InvalidOperationException))]
        public partial class NotAnException { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 2)]
        [RetryOn<TimeoutException>]
        [RetryOn<TimeoutException>]
        public partial class Cancellation { void Post(S shared) => shared.Value++; }

        [Node(MaxRetries = 2, WaitMilliseconds = 5, Backoff = Backoff.Constant)]
        public partial class UnknownBackoff { void Post(S shared) => shared.Value++; }

        [Graph(typeof(NegativeCap))]
        public partial class RetryingGraph;
        """;

    [Fact]
    public void Invalid_resilience_arguments_report_KG0011_on_the_argument_or_attribute()
    {
        var (source, expected) = DiagnosticMarkup.Parse(Broken);

        var run = GeneratorHarness.Run(source);

        var actual = run.GeneratorDiagnostics.Select(d => (d.Id, d.Location.SourceSpan)).OrderBy(d => d.SourceSpan.Start).ToList();
        Assert.Equal(expected.OrderBy(e => e.Span.Start).Select(e => (e.Id, e.Span)), actual);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void The_messages_say_what_is_wrong()
    {
        var (source, _) = DiagnosticMarkup.Parse(Broken);

        var messages = GeneratorHarness.Run(source).GeneratorDiagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();

        Assert.Contains("MaxWaitMilliseconds = -1 on 'NegativeCap' is invalid: the cap on one wait must not be negative (0 = no cap)", messages);
        Assert.Contains("TimeoutMilliseconds = -5 on 'NegativeTimeout' is invalid: the timeout of an attempt must not be negative (0 = none)", messages);
        Assert.Contains("Jitter = true on 'JitterWithoutWaits' is invalid: jitter without waits: it randomizes the wait between attempts, so WaitMilliseconds must be positive", messages);
        Assert.Contains("Backoff = Backoff.Exponential on 'BackoffWithoutWaits' is invalid: a backoff grows the wait between attempts, so WaitMilliseconds must be positive", messages);
        Assert.Contains("MaxWaitMilliseconds = 100 on 'CapBelowWait' is invalid: it caps each wait and must not be smaller than WaitMilliseconds (500)", messages);
        Assert.Contains("RetryOn = typeof(string) on 'NotAnException' is invalid: it is not an exception type (it must derive from System.Exception)", messages);
        Assert.Contains("RetryOn = typeof(OperationCanceledException) on 'Cancellation' is invalid: cancellation is never retried; a timed-out attempt fails with System.TimeoutException, retry that instead", messages);
        Assert.Contains("Backoff = 7 on 'UnknownBackoff' is invalid: it must be Backoff.Constant, Backoff.Linear or Backoff.Exponential", messages);
        Assert.Contains("RetryOn = typeof(TimeoutException) on 'RetryingGraph' is invalid: a graph has no exec to retry; put RetryOn on the node whose exec fails", messages);
    }

    [Fact]
    public void Valid_resilience_arguments_report_nothing_and_compile_warning_free()
    {
        var run = GeneratorHarness.Run(Fixed);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerWarningsAndErrors);
    }

    [Fact]
    public void RetryOn_with_typeof_works_before_CSharp_11()
    {
        const string source = Header + """
            [Node(MaxRetries = 3, WaitMilliseconds = 10, Backoff = Backoff.Linear)]
            [RetryOn(typeof(TimeoutException))]
            [RetryOn(typeof(InvalidOperationException))]
            public partial class Legacy { void Post(S shared) => shared.Value++; }
            """;

        var run = GeneratorHarness.Run(source, LanguageVersion.CSharp10);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerWarningsAndErrors);
        Assert.Contains(
            "error is global::System.TimeoutException || error is global::System.InvalidOperationException",
            run.Source("Legacy.g.cs"),
            System.StringComparison.Ordinal);
    }
}
