using System.Diagnostics;

namespace ParallelOperations;

/// <summary>Small helpers that keep the lesson's terminal output aligned (the same shape as samples/AsyncBasics).</summary>
internal static class Output
{
    public static void Title(string text)
    {
        Console.WriteLine(text);
        Console.WriteLine(new string('=', text.Length));
    }

    public static void Section(string text)
    {
        Console.WriteLine();
        Console.WriteLine(text);
        Console.WriteLine(new string('-', text.Length));
    }

    public static void Line(string label, string value) => Console.WriteLine($"  {label,-40} {value}");

    public static void Step(string text) => Console.WriteLine($"  · {text}");

    public static string Seconds(TimeSpan elapsed) => $"{elapsed.TotalSeconds:0.00} s";

    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed;
    }
}
