// KayGraph async basics, lesson 3 (parallel operations), ported from the Python tutorial.
// Usage: dotnet run --project samples/ParallelOperations [-- --quick] [--items N] [--delay MS] [--plain]
// KAYGRAPH_SAMPLE_QUICK=1 has the effect of --quick (smaller batches, shorter delays).
using System.Globalization;
using ParallelOperations;

var settings = Environment.GetEnvironmentVariable("KAYGRAPH_SAMPLE_QUICK") is "1" or "true" ? LessonSettings.Quick : LessonSettings.Default;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            settings = LessonSettings.Quick with { Plain = settings.Plain };
            break;
        case "--plain":
            settings = settings with { Plain = true };
            break;
        case "--items" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var items) && items > 0:
            settings = settings with { Items = items };
            i++;
            break;
        case "--delay" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var delay) && delay >= 0:
            settings = settings with { DelayMilliseconds = delay };
            i++;
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: ParallelOperations [--quick] [--items N] [--delay MS] [--plain]");
            return 2;
    }
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    await Lesson3.RunAsync(settings, cancellation.Token);
    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
