namespace KayGraph.Hosting.Tests;

/// <summary>
/// A test that needs Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>KAYGRAPH_CHROMIUM</c>). Without it the test is
/// skipped, naming what to install, except under CI (<c>CI=true</c>), where it runs and fails: it never passes unrun.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "Chromium is not installed (apt-get install -y chromium, or set KAYGRAPH_CHROMIUM); .ci/run installs it.";
        }
    }
}

public static class Chromium
{
    /// <summary>The browser's executable, or <see langword="null"/> when none is installed.</summary>
    public static string? Path
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("KAYGRAPH_CHROMIUM");
            foreach (var candidate in new[] { configured, "/usr/bin/chromium", "/usr/bin/chromium-browser" })
            {
                if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
