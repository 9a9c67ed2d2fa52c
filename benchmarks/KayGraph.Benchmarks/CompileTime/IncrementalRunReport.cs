using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KayGraph.Benchmarks.CompileTime;

/// <summary>
/// What the generator did on the incremental run after the one-method-body edit: how many outputs of its tracked steps
/// (the named pipeline steps and the source outputs) were <see cref="IncrementalStepRunReason.Cached"/> or
/// <see cref="IncrementalStepRunReason.Unchanged"/>, and which steps produced anything else. "Everything cached" means the
/// edit regenerated nothing.
/// </summary>
public sealed class IncrementalRunReport
{
    private IncrementalRunReport(IReadOnlyDictionary<IncrementalStepRunReason, int> counts, IReadOnlyList<string> changedSteps, int trackedSteps)
    {
        Counts = counts;
        ChangedSteps = changedSteps;
        TrackedSteps = trackedSteps;
    }

    /// <summary>The number of step outputs per reason.</summary>
    public IReadOnlyDictionary<IncrementalStepRunReason, int> Counts { get; }

    /// <summary>The names of the steps with an output neither cached nor unchanged (with the reason).</summary>
    public IReadOnlyList<string> ChangedSteps { get; }

    /// <summary>The number of distinct tracked steps.</summary>
    public int TrackedSteps { get; }

    /// <summary>Whether every tracked output was cached or unchanged.</summary>
    public bool EverythingCached => ChangedSteps.Count == 0;

    /// <summary>Runs the generator on the workload, applies the edit, runs it again, and reports the second run.</summary>
    /// <param name="workload">The workload.</param>
    /// <returns>The report.</returns>
    public static IncrementalRunReport Measure(CompilationWorkload workload)
    {
        var driver = workload.CreateDriver().RunGenerators(workload.Compilation);
        driver = driver.RunGenerators(workload.CreateEdited());
        return FromRun(driver.GetRunResult());
    }

    /// <summary>Tallies the tracked steps of a run.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The report.</returns>
    public static IncrementalRunReport FromRun(GeneratorDriverRunResult run)
    {
        var counts = new SortedDictionary<IncrementalStepRunReason, int>();
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in run.Results)
        {
            foreach (var steps in result.TrackedSteps.Concat(result.TrackedOutputSteps))
            {
                names.Add(steps.Key);
                foreach (var step in steps.Value)
                {
                    foreach (var (_, reason) in step.Outputs)
                    {
                        counts[reason] = counts.TryGetValue(reason, out var count) ? count + 1 : 1;
                        if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                        {
                            changed.Add($"{steps.Key}: {reason}");
                        }
                    }
                }
            }
        }

        return new IncrementalRunReport(counts, changed.ToList(), names.Count);
    }

    /// <summary>A one-line summary, e.g. <c>all cached: 1020 Cached, 21 Unchanged (12 steps)</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var tally = string.Join(", ", Counts.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Value} {pair.Key}")));
        var steps = string.Create(CultureInfo.InvariantCulture, $"{TrackedSteps} steps");
        return EverythingCached
            ? $"all cached: {tally} ({steps})"
            : $"REGENERATED: {tally} ({steps}); changed: {string.Join("; ", ChangedSteps)}";
    }
}
