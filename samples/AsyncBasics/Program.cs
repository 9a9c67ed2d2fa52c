// KayGraph async basics, ported from the Python tutorial: lesson 1 (basic async) and lesson 2 (async workflow).
// Usage: dotnet run --project samples/AsyncBasics [-- 1|2]   (no argument: both lessons)
using AsyncBasics;

var lesson = args.Length > 0 ? args[0].Trim().ToLowerInvariant() : "all";
switch (lesson)
{
    case "all":
        await Lesson1.RunAsync();
        Console.WriteLine();
        await Lesson2.RunAsync();
        return 0;
    case "1" or "lesson1":
        await Lesson1.RunAsync();
        return 0;
    case "2" or "lesson2":
        await Lesson2.RunAsync();
        return 0;
    default:
        Console.Error.WriteLine($"Unknown lesson '{args[0]}'. Usage: AsyncBasics [1|2] (no argument runs both).");
        return 2;
}
