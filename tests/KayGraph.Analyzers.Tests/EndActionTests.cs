using System.Threading.Tasks;
using Xunit;
using Verify = KayGraph.Analyzers.Tests.Verifiers.AnalyzerVerifier<KayGraph.Analyzers.UndeclaredActionAnalyzer>;

namespace KayGraph.Analyzers.Tests;

/// <summary>KG1007 counts the actions declared with <c>[End]</c> as declared, and still reports the others.</summary>
public sealed class EndActionTests
{
    [Fact]
    public Task End_actions_are_declared_and_other_literals_are_still_reported() => Verify.VerifyAsync("""
        [Node] public partial class Escalate { void Exec() { } }

        [Node]
        [Next<Escalate>("escalate")]
        [End]
        [End("done")]
        public partial class Triage
        {
            string Post(object shared, int score) => score switch
            {
                0 => "default",
                1 => "done",
                2 => "escalate",
                _ => [|"later"|],
            };
        }
        """);

    [Fact]
    public Task A_node_whose_only_actions_are_End_actions_reports_undeclared_literals() => Verify.VerifyAsync("""
        [Node]
        [End("done")]
        public partial class Last
        {
            string Post(object shared, bool ok) => ok ? "done" : [|"failed"|];
        }
        """);
}
