using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit.Sdk;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with committed expected files under Snapshots/&lt;case&gt;/. On a mismatch it writes
/// <c>*.received.cs</c> next to the expected file and fails with a line diff; <c>KAYGRAPH_ACCEPT_SNAPSHOTS=1</c>
/// overwrites the expected files instead.
/// </summary>
internal static class SnapshotVerifier
{
    public static bool Accepting => Environment.GetEnvironmentVariable("KAYGRAPH_ACCEPT_SNAPSHOTS") == "1";

    /// <summary>The Snapshots folder of this test project in the source tree.</summary>
    public static string SnapshotRoot => RepositoryPaths.Combine("tests", "KayGraph.Generators.Tests", "Snapshots");

    public static void Verify(string caseName, IReadOnlyList<(string HintName, string Source)> generated)
    {
        var folder = Path.Combine(SnapshotRoot, caseName);
        if (!Accepting && !Directory.Exists(folder))
        {
            throw new XunitException($"Snapshot '{caseName}' has no expected files at {folder}; set KAYGRAPH_ACCEPT_SNAPSHOTS=1 to create them.");
        }

        Directory.CreateDirectory(folder);
        var failures = new StringBuilder();
        var expectedFiles = Directory.GetFiles(folder, "*.cs").Where(f => !f.EndsWith(".received.cs", StringComparison.Ordinal)).ToList();
        foreach (var (hintName, source) in generated)
        {
            var expectedPath = Path.Combine(folder, hintName);
            var receivedPath = ReceivedPath(expectedPath);
            expectedFiles.Remove(expectedPath);
            var actual = Normalize(source);
            if (Accepting)
            {
                File.WriteAllText(expectedPath, actual);
                File.Delete(receivedPath);
                continue;
            }

            var expected = File.Exists(expectedPath) ? Normalize(File.ReadAllText(expectedPath)) : null;
            if (expected == actual)
            {
                File.Delete(receivedPath);
                continue;
            }

            File.WriteAllText(receivedPath, actual);
            failures.AppendLine(expected is null
                ? $"--- {hintName}: no expected file (received written to {receivedPath})"
                : $"--- {hintName} differs (received written to {receivedPath}):\n{LineDiff.Render(expected, actual)}");
        }

        foreach (var stale in expectedFiles)
        {
            if (Accepting)
            {
                File.Delete(stale);
            }
            else
            {
                failures.AppendLine($"--- {Path.GetFileName(stale)}: expected but not generated");
            }
        }

        if (failures.Length > 0)
        {
            throw new XunitException($"Snapshot '{caseName}' does not match. Review the diff; set KAYGRAPH_ACCEPT_SNAPSHOTS=1 to accept.\n{failures}");
        }
    }

    /// <summary>X.g.cs → X.received.cs (kept out of the expected set and out of the project's compilation).</summary>
    private static string ReceivedPath(string expectedPath)
    {
        var stem = expectedPath.EndsWith(".g.cs", StringComparison.Ordinal) ? expectedPath[..^".g.cs".Length] : Path.ChangeExtension(expectedPath, null);
        return stem + ".received.cs";
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
