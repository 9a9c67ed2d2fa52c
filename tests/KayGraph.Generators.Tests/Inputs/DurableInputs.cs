namespace KayGraph.Generators.Tests.Inputs;

/// <summary>Durable graphs: a review that asks a person, a nested approval, and a node that fails once.</summary>
internal static class DurableInputs
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using KayGraph;

        namespace Durable;

        public sealed class Doc
        {
            public string Draft { get; set; } = "";
            public List<string> Trail { get; set; } = new();
            public int Revisions { get; set; }
            public bool FailOnce { get; set; }
        }

        public sealed record ReviewRequest(string Draft);
        public sealed record Verdict(bool Approved, string? Note = null);
        public sealed record Budget(int Amount);

        [Node]
        [Next<Review>]
        public partial class Write
        {
            void Post(Doc doc)
            {
                doc.Revisions++;
                doc.Draft = "draft " + doc.Revisions;
                doc.Trail.Add("write");
            }
        }

        [Node]
        [Next<Publish>("approved")]
        [Next<Write>("rejected")]
        public partial class Review
        {
            string Prep(Doc doc) => doc.Draft;
            Verdict Exec(string draft, Interrupt<ReviewRequest, Verdict> review) => review.Ask(new ReviewRequest(draft));
            Action Post(Doc doc, string draft, Verdict verdict)
            {
                doc.Trail.Add(verdict.Approved ? "approved " + draft : "rejected " + draft);
                return verdict.Approved ? Action.Approved : Action.Rejected;
            }
        }

        [Node]
        public partial class Publish
        {
            void Post(Doc doc)
            {
                if (doc.FailOnce)
                {
                    doc.FailOnce = false;
                    throw new InvalidOperationException("printer jammed");
                }

                doc.Trail.Add("publish");
            }
        }

        [Graph(typeof(Write), Durable = true)]
        public partial class ReviewFlow;

        // An interrupt inside a nested graph: resuming continues there, not at the nested graph's start.
        [Node]
        [Next<AskBudget>]
        public partial class Plan
        {
            void Post(Doc doc) => doc.Trail.Add("plan");
        }

        [Node]
        public partial class AskBudget
        {
            Budget Exec(Interrupt<string, Budget> ask) => ask.Ask("how much?");
            void Post(Doc doc, Budget budget) => doc.Trail.Add("budget " + budget.Amount);
        }

        [Graph(typeof(Plan))]
        [Next<Write>]
        public partial class Approval;

        [Node]
        [Next<Approval>]
        public partial class Open
        {
            void Post(Doc doc) => doc.Trail.Add("open");
        }

        [Graph(typeof(Open), Durable = true)]
        public partial class Project;
        """;
}
