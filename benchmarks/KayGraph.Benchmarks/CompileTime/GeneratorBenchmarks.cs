using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using KayGraph.Benchmarks.Reporting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace KayGraph.Benchmarks.CompileTime;

/// <summary>
/// The cost of KayGraph's source generator on a synthetic project of <see cref="SyntheticGraphSource.Nodes"/> nodes in
/// <see cref="SyntheticGraphSource.Graphs"/> graphs: the whole compilation (parse, generator, binding and diagnostics,
/// emit) is the baseline, so the ratio of <see cref="GeneratorColdRun"/> is the generator's share of a build; and the
/// incremental run after an edit to one method body, whose tracked steps are reported in the <c>Incremental steps</c>
/// column (expected: everything cached). The two floor rows run <see cref="AttributeFloorGenerator"/> instead, the same way:
/// what <c>ForAttributeWithMetadataName</c> alone costs on this project, the lower bound of any attribute-driven generator.
/// </summary>
[Config(typeof(GeneratorConfig))]
public class GeneratorBenchmarks
{
    private CompilationWorkload _workload = null!;
    private GeneratorDriver _warmDriver = null!;
    private GeneratorDriver _warmFloorDriver = null!;
    private Compilation _edited = null!;

    /// <summary>Parses the project, and runs the generator once on it so that the incremental benchmark starts warm.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _workload = CompilationWorkload.CreateSynthetic();
        _warmDriver = _workload.CreateDriver().RunGenerators(_workload.Compilation);
        _warmFloorDriver = _workload.CreateFloorDriver().RunGenerators(_workload.Compilation);
        _edited = _workload.CreateEdited();
    }

    /// <summary>
    /// A whole build of the project, from source text to an emitted assembly: parse, create the compilation, run the
    /// generator, bind everything and collect diagnostics, emit.
    /// </summary>
    /// <returns>The emit result.</returns>
    [Benchmark(Baseline = true)]
    public EmitResult WholeCompilation()
    {
        var compilation = _workload.Create(_workload.Parse(_workload.Sources));
        var generated = _workload.Generate(compilation, out _);
        _ = generated.GetDiagnostics();
        return CompilationWorkload.Emit(generated);
    }

    /// <summary>The generator alone, cold: a new driver on a compilation with no bound state.</summary>
    /// <returns>The driver after the run.</returns>
    [Benchmark]
    public GeneratorDriver GeneratorColdRun() => _workload.CreateDriver().RunGenerators(_workload.Compilation.Clone());

    /// <summary>The generator after an edit to one method body, from the driver state of the previous run (the IDE case).</summary>
    /// <returns>The driver after the run.</returns>
    [Benchmark]
    public GeneratorDriver GeneratorIncrementalAfterEdit() => _warmDriver.RunGenerators(_edited.Clone());

    /// <summary>The floor, cold: <see cref="AttributeFloorGenerator"/> on a new driver and a compilation with no bound state.</summary>
    /// <returns>The driver after the run.</returns>
    [Benchmark]
    public GeneratorDriver FloorColdRun() => _workload.CreateFloorDriver().RunGenerators(_workload.Compilation.Clone());

    /// <summary>The floor after the same edit, from the floor driver's previous run.</summary>
    /// <returns>The driver after the run.</returns>
    [Benchmark]
    public GeneratorDriver FloorIncrementalAfterEdit() => _warmFloorDriver.RunGenerators(_edited.Clone());

    /// <summary>
    /// For the verify mode: how many values the floor's <c>[Node]</c> transform produced on a cold run and on the run after
    /// the edit (both should be the node count), and the reasons of the second run's values.
    /// </summary>
    /// <param name="workload">The workload.</param>
    /// <returns>The counts and the tally of the run after the edit.</returns>
    internal static (int Cold, int AfterEdit, IncrementalRunReport.Tally Reasons) DescribeFloor(CompilationWorkload workload)
    {
        var cold = workload.CreateFloorDriver().RunGenerators(workload.Compilation);
        var edited = cold.RunGenerators(workload.CreateEdited());
        var reasons = new IncrementalRunReport.Tally();
        var afterEdit = Count(edited, reasons);
        return (Count(cold, null), afterEdit, reasons);

        static int Count(GeneratorDriver driver, IncrementalRunReport.Tally? tally)
        {
            var count = 0;
            foreach (var result in driver.GetRunResult().Results)
            {
                if (result.TrackedSteps.TryGetValue(AttributeFloorGenerator.NodeStep, out var runs))
                {
                    tally?.Add(AttributeFloorGenerator.NodeStep, runs);
                    foreach (var run in runs)
                    {
                        count += run.Outputs.Length;
                    }
                }
            }

            return count;
        }
    }

    /// <summary>The generated sources' count, for the verify mode.</summary>
    /// <param name="workload">The workload.</param>
    /// <returns>The generated trees and the generator's diagnostics.</returns>
    internal static (int GeneratedTrees, ImmutableArray<Diagnostic> Diagnostics) Describe(CompilationWorkload workload)
    {
        var run = workload.CreateDriver().RunGenerators(workload.Compilation).GetRunResult();
        return (run.GeneratedTrees.Length, run.Diagnostics);
    }
}
