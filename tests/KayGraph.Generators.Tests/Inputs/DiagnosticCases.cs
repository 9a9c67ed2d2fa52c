using System.Collections.Generic;

namespace KayGraph.Generators.Tests.Inputs;

/// <summary>
/// One declaration diagnostic: broken input with markup on the expected spans, the fixed input, and the generated files
/// that get no runnable glue while the input is broken (they hold only the members other code refers to).
/// </summary>
internal sealed record DiagnosticCase(string Id, string Broken, string Fixed, string[] NotGenerated);

/// <summary>
/// A positive and a negative case for every declaration diagnostic of the declaration analyzer. KG0001 (not partial) is
/// reported by the companion analyzer and tested with it; the generator only skips such classes (see DiagnosticTests).
/// </summary>
internal static class DiagnosticCases
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KayGraph;

        public sealed class S { public int Value; }
        public sealed class T { public int Value; }

        """;

    /// <summary>The header with the System.Text.Json namespaces, for the durable cases.</summary>
    private const string JsonHeader = """
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;

        """ + Header;

    private static readonly DiagnosticCase[] Cases =
    {
        new("KG0002",
            Header + """
            [Node]
            public partial class Both
            {
                int Exec() => 1;
                Task<int> {|KG0002:ExecAsync|}() => Task.FromResult(1);
            }
            """,
            Header + """
            [Node]
            public partial class Both
            {
                Task<int> ExecAsync() => Task.FromResult(1);
            }
            """,
            new[] { "Both.g.cs" }),
        new("KG0003",
            Header + """
            [Node]
            public partial class NotAwaitable
            {
                int {|KG0003:ExecAsync|}() => 1;
            }
            """,
            Header + """
            [Node]
            public partial class NotAwaitable
            {
                ValueTask<int> ExecAsync() => new(1);
            }
            """,
            new[] { "NotAwaitable.g.cs" }),
        new("KG0004",
            Header + """
            [Node]
            public partial class Mismatch
            {
                string Prep(S shared) => "text";
                int Exec(int {|KG0004:value|}) => value;
            }
            """,
            Header + """
            [Node]
            public partial class Mismatch
            {
                string Prep(S shared) => "text";
                int Exec(string value) => value.Length;
            }
            """,
            new[] { "Mismatch.g.cs" }),
        new("KG0005",
            Header + """
            [Node]
            public partial class PostMismatch
            {
                int Exec() => 1;
                void Post(S shared, string {|KG0005:result|}) => shared.Value = result.Length;
            }
            """,
            Header + """
            [Node]
            public partial class PostMismatch
            {
                int Exec() => 1;
                void Post(S shared, int result) => shared.Value = result;
            }
            """,
            new[] { "PostMismatch.g.cs" }),
        new("KG0006",
            Header + """
            public sealed class NotANode { }

            [Node]
            [{|KG0006:Next<NotANode>|}]
            public partial class From
            {
                void Post(S shared) => shared.Value++;
            }
            """,
            Header + """
            [Node]
            public partial class NotANode
            {
                void Post(S shared) => shared.Value++;
            }

            [Node]
            [Next<NotANode>]
            public partial class From
            {
                void Post(S shared) => shared.Value++;
            }
            """,
            new[] { "From.g.cs" }),
        new("KG0007",
            Header + """
            [Node]
            [Next<A>("go")]
            [{|KG0007:Next<B>("go")|}]
            public partial class Twice
            {
                string Post(S shared) => "go";
            }

            [Node] public partial class A { void Post(S shared) => shared.Value++; }
            [Node] public partial class B { void Post(S shared) => shared.Value++; }
            """,
            Header + """
            [Node]
            [Next<A>("go")]
            [Next<B>("stay")]
            public partial class Twice
            {
                string Post(S shared) => "go";
            }

            [Node] public partial class A { void Post(S shared) => shared.Value++; }
            [Node] public partial class B { void Post(S shared) => shared.Value++; }
            """,
            new[] { "Twice.g.cs" }),
        new("KG0008",
            Header + """
            [{|KG0008:Graph(typeof(S))|}]
            public partial class BadStart;
            """,
            Header + """
            [Node] public partial class A { void Post(S shared) => shared.Value++; }

            [Graph(typeof(A))]
            public partial class BadStart;
            """,
            new[] { "BadStart.g.cs" }),
        new("KG0009",
            Header + """
            [Node] [Next<B>] public partial class A { void Post(S shared) => shared.Value++; }
            [Node] public partial class B { void Post(T {|KG0009:shared|}) => shared.Value++; }

            [Graph(typeof(A))]
            public partial class Mixed;
            """,
            Header + """
            [Node] [Next<B>] public partial class A { void Post(S shared) => shared.Value++; }
            [Node] public partial class B { void Post(S shared) => shared.Value++; }

            [Graph(typeof(A))]
            public partial class Mixed;
            """,
            new[] { "Mixed.g.cs" }),
        new("KG0010",
            Header + """
            [Node]
            [{|KG0010:Next<A>("")|}]
            public partial class Empty
            {
                void Post(S shared) => shared.Value++;
            }

            [Node]
            [Next<A>("a-b")]
            [{|KG0010:Next<A>("a_b")|}]
            public partial class Colliding
            {
                string Post(S shared) => "a-b";
            }

            [Node]
            [{|KG0010:Next<A>("--")|}]
            public partial class Symbols
            {
                string Post(S shared) => "--";
            }

            [Node] public partial class A { void Post(S shared) => shared.Value++; }
            """,
            Header + """
            [Node]
            [Next<A>]
            public partial class Empty
            {
                void Post(S shared) => shared.Value++;
            }

            [Node]
            [Next<A>("a-b")]
            [Next<A>("c_d")]
            public partial class Colliding
            {
                string Post(S shared) => "a-b";
            }

            [Node]
            [Next<A>("dash-dash")]
            public partial class Symbols
            {
                string Post(S shared) => "dash-dash";
            }

            [Node] public partial class A { void Post(S shared) => shared.Value++; }
            """,
            new[] { "Empty.g.cs", "Colliding.g.cs", "Symbols.g.cs" }),
        new("KG0011",
            Header + """
            [Node({|KG0011:MaxRetries = 0|})]
            public partial class NoAttempt { void Post(S shared) => shared.Value++; }

            [Node(MaxRetries = 2, {|KG0011:WaitMilliseconds = -1|})]
            public partial class NegativeWait { void Post(S shared) => shared.Value++; }

            [ParallelBatchNode({|KG0011:MaxConcurrency = 0|})]
            public partial class NoConcurrency
            {
                IEnumerable<int> Prep(S shared) => new[] { 1, 2 };
                int Exec(int item) => item;
            }
            """,
            Header + """
            [Node(MaxRetries = 1)]
            public partial class NoAttempt { void Post(S shared) => shared.Value++; }

            [Node(MaxRetries = 2, WaitMilliseconds = 0)]
            public partial class NegativeWait { void Post(S shared) => shared.Value++; }

            [ParallelBatchNode(MaxConcurrency = 1)]
            public partial class NoConcurrency
            {
                IEnumerable<int> Prep(S shared) => new[] { 1, 2 };
                int Exec(int item) => item;
            }
            """,
            new[] { "NoAttempt.g.cs", "NegativeWait.g.cs", "NoConcurrency.g.cs" }),
        new("KG0012",
            Header + """
            [Node] [Next<B>] public partial class A { void Post(S shared) => shared.Value++; }
            [Node] [Next<A>] public partial class B { void Post(S shared) => shared.Value++; }

            [Graph(typeof(A))]
            public partial class {|KG0012:Forever|};
            """,
            Header + """
            [Node] [Next<B>] public partial class A { void Post(S shared) => shared.Value++; }
            [Node] [Next<A>("again")] public partial class B { string? Post(S shared) => ++shared.Value < 3 ? "again" : null; }

            [Graph(typeof(A))]
            public partial class Forever;
            """,
            new string[0]),
        new("KG0013",
            Header + """
            [Node]
            public partial class Static
            {
                static int {|KG0013:Exec|}() => 1;
            }

            [Node]
            public partial class Overloaded
            {
                void Post(S shared) => shared.Value++;
                void {|KG0013:Post|}(S shared, int extra) => shared.Value += extra;
            }

            [Node]
            public partial class BadHook
            {
                void Post(S shared) => shared.Value++;
                string {|KG0013:OnError|}(S shared, Exception error) => error.Message;
            }

            [Node]
            public partial class ContextTwice
            {
                int {|KG0013:Exec|}(NodeContext context, NodeContext again) => 1;
                void {|KG0013:Post|}(NodeContext context, S shared) => shared.Value++;
            }
            """,
            Header + """
            [Node]
            public partial class Static
            {
                int Exec() => 1;
            }

            [Node]
            public partial class Overloaded
            {
                void Post(S shared) => shared.Value++;
            }

            [Node]
            public partial class BadHook
            {
                void Post(S shared) => shared.Value++;
                bool OnError(S shared, Exception error) => error.Message.Length > 0;
            }

            [Node]
            public partial class ContextTwice
            {
                int Exec(NodeContext context) => context.Attempt;
                void Post(S shared, NodeContext context) => shared.Value++;
            }
            """,
            new[] { "Static.g.cs", "Overloaded.g.cs", "BadHook.g.cs", "ContextTwice.g.cs" }),
        new("KG0014",
            Header + """
            [Node] public partial class NoShared { int Exec() => 1; }

            [Graph(typeof(NoShared))]
            public partial class {|KG0014:Unknown|};
            """,
            Header + """
            [Node] public partial class NoShared { int Exec() => 1; }

            [Graph(typeof(NoShared), Shared = typeof(S))]
            public partial class Unknown;
            """,
            new[] { "Unknown.g.cs" }),
        new("KG0016",
            Header + """
            public sealed record Question(string Text);

            [Node]
            public partial class Ask
            {
                bool Exec(Interrupt<Question, bool> {|KG0016:ask|}) => ask.Ask(new Question("ok?"));
                void Post(S shared, bool yes) => shared.Value = yes ? 1 : 0;
            }

            [Graph(typeof(Ask))]
            public partial class InMemory;
            """,
            Header + """
            public sealed record Question(string Text);

            // A durable store keeps its state in properties (KG0017 reports public fields).
            public sealed class Tally { public int Value { get; set; } }

            [Node]
            public partial class Ask
            {
                bool Exec(Interrupt<Question, bool> ask) => ask.Ask(new Question("ok?"));
                void Post(Tally shared, bool yes) => shared.Value = yes ? 1 : 0;
            }

            [Graph(typeof(Ask))]
            public partial class InMemory;

            [Graph(typeof(InMemory), Durable = true)]
            public partial class Outer;
            """,
            System.Array.Empty<string>()),
        new("KG0017",
            JsonHeader + """
            public sealed record Question(string Text);
            public interface IShape { }
            public sealed class Circle : IShape { public double Radius { get; set; } }

            public sealed class Job
            {
                public int {|KG0017:Count|} = 1;
                public List<string> {|KG0017:Trail|} { get; } = new();
                public Func<int>? {|KG0017:Callback|} { get; set; }
                public object? {|KG0017:Payload|} { get; set; }
                public IShape? {|KG0017:Shape|} { get; set; }
                public Dictionary<string, Task<int>> {|KG0017:Pending|} { get; set; } = new();
                public Part Part { get; set; } = new(1);
                public string {|KG0017:Name|} { get; } = "job";
                [JsonIgnore] public CancellationToken Token { get; set; }
                public static int Created;
            }

            public sealed class {|KG0017:Part|}
            {
                public Part(int size) => Size = size;
                public Part(string name) => Size = name.Length;
                public int Size { get; set; }
            }

            public sealed class Answer { public bool {|KG0017:Yes|}; }

            [Node]
            public partial class Step
            {
                Answer Exec(Interrupt<Question, Answer> ask) => ask.Ask(new Question("ok?"));
                void Post(Job job, Answer answer) => job.Count += answer.Yes ? 1 : 0;
            }

            [Graph(typeof(Step), Durable = true)]
            public partial class Flow;

            // The same store in a second durable graph: each member is reported once.
            [Graph(typeof(Step), Durable = true)]
            public partial class Again;
            """,
            JsonHeader + """
            public sealed record Question(string Text);

            [JsonPolymorphic]
            [JsonDerivedType(typeof(Circle), "circle")]
            public interface IShape { }
            public sealed class Circle : IShape { public double Radius { get; set; } }

            public sealed class Job
            {
                public Job(string name = "job") => Name = name;
                public int Count { get; set; } = 1;
                public List<string> Trail { get; set; } = new();
                [JsonIgnore] public Func<int>? Callback { get; set; }
                public string? Payload { get; set; }
                public IShape? Shape { get; set; }
                public Dictionary<string, int> Pending { get; set; } = new();
                public Part Part { get; set; } = new(1);
                public string Name { get; }
                [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<int> Marks { get; } = new();
                [JsonIgnore] public CancellationToken Token { get; set; }
                public static int Created;
            }

            public sealed class Part
            {
                [JsonConstructor] public Part(int size) => Size = size;
                public Part(string name) => Size = name.Length;
                public int Size { get; set; }
            }

            public sealed class Answer { [JsonInclude] public bool Yes; }

            [Node]
            public partial class Step
            {
                Answer Exec(Interrupt<Question, Answer> ask) => ask.Ask(new Question("ok?"));
                void Post(Job job, Answer answer) => job.Count += answer.Yes ? 1 : 0;
            }

            [Graph(typeof(Step), Durable = true)]
            public partial class Flow;

            [Graph(typeof(Step), Durable = true)]
            public partial class Again;
            """,
            System.Array.Empty<string>()),
        new("KG0018",
            JsonHeader + JsonContextDeclaration("[JsonSerializable(typeof(Question))]") + """
            [Node]
            public partial class Step
            {
                bool Exec(Interrupt<Question, bool> ask) => ask.Ask(new Question("ok?"));
                void Post(Job job, bool yes) => job.Count += yes ? 1 : 0;
            }

            [Graph(typeof(Step), Durable = true, {|KG0018:{|KG0018:Json = typeof(FlowJson)|}|})]
            public partial class Flow;
            """,
            JsonHeader + JsonContextDeclaration("[JsonSerializable(typeof(Job))]\n[JsonSerializable(typeof(Question))]\n[JsonSerializable(typeof(bool))]") + """
            [Node]
            public partial class Step
            {
                bool Exec(Interrupt<Question, bool> ask) => ask.Ask(new Question("ok?"));
                void Post(Job job, bool yes) => job.Count += yes ? 1 : 0;
            }

            [Graph(typeof(Step), Durable = true, Json = typeof(FlowJson))]
            public partial class Flow;
            """,
            System.Array.Empty<string>()),
    };

    /// <summary>
    /// A store, a question and a <c>Json</c> context listing <paramref name="attributes"/>. The context is written by hand as
    /// the System.Text.Json source generator would complete it (that generator does not run in the harness).
    /// </summary>
    private static string JsonContextDeclaration(string attributes) => """
        public sealed record Question(string Text);
        public sealed class Job { public int Count { get; set; } }

        """ + attributes + """

        public sealed class FlowJson : JsonSerializerContext
        {
            public FlowJson() : base(null) { }
            public static FlowJson Default { get; } = new();
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }

        """;

    public static IEnumerable<object[]> Ids()
    {
        foreach (var item in Cases)
        {
            yield return new object[] { item.Id };
        }
    }

    public static DiagnosticCase Get(string id) => System.Array.Find(Cases, c => c.Id == id)!;
}
