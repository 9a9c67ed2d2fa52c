using System.Diagnostics;

namespace AsyncBasics;

/// <summary>Small helpers that keep the lessons' terminal output aligned.</summary>
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

    public static void Line(string label, string value) => Console.WriteLine($"  {label,-28} {value}");

    public static void Step(string text) => Console.WriteLine($"  · {text}");

    public static string Seconds(TimeSpan elapsed) => $"{elapsed.TotalSeconds:0.00} s";

    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed;
    }
}
