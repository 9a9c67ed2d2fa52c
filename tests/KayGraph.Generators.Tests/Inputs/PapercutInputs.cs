namespace KayGraph.Generators.Tests.Inputs;

/// <summary>Inputs for the newcomer papercuts: [End], System.Action in nodes, batch prep enumerated once.</summary>
internal static class PapercutInputs
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using KayGraph;
        using KayGraph.Generators.Tests.Stores;

        namespace Papercuts;

        // Ends on purpose: the default action and "done" end the graph; only "escalate" has a successor.
        [Node]
        [Next<Escalate>("escalate")]
        [End]
        [End("done")]
        public partial class Triage
        {
            private string? Post(Journal shared) => shared.Result;
        }

        [Node]
        public partial class Escalate
        {
            private void Post(Journal shared) => shared.Trace.Add("escalated");
        }

        [Graph(typeof(Triage))]
        public partial class TriageFlow;

        // A sub-graph that ends on purpose; the outer graph goes on after it.
        [Graph(typeof(Triage))]
        [Next<AfterTriage>]
        [Next<AfterTriage>("done")]
        public partial class InnerTriage;

        [Node]
        public partial class AfterTriage
        {
            private void Post(Journal shared) => shared.Trace.Add("after");
        }

        [Graph(typeof(InnerTriage))]
        public partial class OuterFlow;

        // No named actions: no generated Action enum, so System.Action is usable unqualified.
        [Node]
        public partial class Notify
        {
            private void Post(Journal shared)
            {
                Action notify = () => shared.Trace.Add("notified");
                notify();
            }
        }

        [Graph(typeof(Notify))]
        public partial class NotifyFlow;

        // A lazy prep: its selector must run once per item, however post looks at the items.
        [BatchNode]
        public partial class Square
        {
            private IEnumerable<int> Prep(Journal shared) => Enumerable.Range(1, 3).Select(i => { shared.Count++; return i; });

            private int Exec(int item) => item * item;

            private void Post(Journal shared, IEnumerable<int> items, IReadOnlyList<int> squares) =>
                shared.Result = items.Sum() + "/" + items.Count() + "/" + squares.Sum();
        }

        [Graph(typeof(Square))]
        public partial class SquareFlow;

        [ParallelBatchNode(MaxConcurrency = 2)]
        public partial class SquareInParallel
        {
            private IEnumerable<int> Prep(Journal shared) => Enumerable.Range(1, 4).Select(i => { shared.Count++; return i; });

            private int Exec(int item) => item * item;

            private void Post(Journal shared, IReadOnlyList<int> items, IReadOnlyList<int> squares) =>
                shared.Result = string.Join(",", items) + "=" + squares.Sum();
        }

        [Graph(typeof(SquareInParallel))]
        public partial class SquareInParallelFlow;
        """;
}
