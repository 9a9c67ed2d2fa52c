using System;
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
/// incremental run after an edit to one method body, whose steps (recorded on a separate, tracked run) are reported in the
/// <c>Incremental steps</c> column (expected: everything cached). Every timed run uses a driver without step tracking, as
/// the compiler and the IDE do (<see cref="CompilationWorkload.CreateDriver"/>). The two floor rows run <see cref="AttributeFloorGenerator"/> instead, the same way:
/// what <c>ForAttributeWithMetadataName</c> alone costs on this project, the lower bound of any attribute-driven generator.
/// </summary>
[Config(typeof(GeneratorConfig))]
public class GeneratorBenchmarks
{
    /// <summary>
    /// Generator runs in one iteration of the generator and floor rows (BenchmarkDotNet divides by it): one run of the floor
    /// or of an incremental run is 30–100 ms, too short an iteration to time alone on this machine.
    /// </summary>
    public const int RunsPerIteration = 5;

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
    [Benchmark(OperationsPerInvoke = RunsPerIteration)]
    public GeneratorDriver GeneratorColdRun() => Repeat(() => _workload.CreateDriver().RunGenerators(_workload.Compilation.Clone()));

    /// <summary>The generator after an edit to one method body, from the driver state of the previous run (the IDE case).</summary>
    /// <returns>The driver after the run.</returns>
    [Benchmark(OperationsPerInvoke = RunsPerIteration)]
    public GeneratorDriver GeneratorIncrementalAfterEdit() => Repeat(() => _warmDriver.RunGenerators(_edited.Clone()));

    /// <summary>The floor, cold: <see cref="AttributeFloorGenerator"/> on a new driver and a compilation with no bound state.</summary>
    /// <returns>The driver after the run.</returns>
    [Benchmark(OperationsPerInvoke = RunsPerIteration)]
    public GeneratorDriver FloorColdRun() => Repeat(() => _workload.CreateFloorDriver().RunGenerators(_workload.Compilation.Clone()));

    /// <summary>The floor after the same edit, from the floor driver's previous run.</summary>
    /// <returns>The driver after the run.</returns>
    [Benchmark(OperationsPerInvoke = RunsPerIteration)]
    public GeneratorDriver FloorIncrementalAfterEdit() => Repeat(() => _warmFloorDriver.RunGenerators(_edited.Clone()));

    private static GeneratorDriver Repeat(Func<GeneratorDriver> run)
    {
        var driver = run();
        for (var i = 1; i < RunsPerIteration; i++)
        {
            driver = run();
        }

        return driver;
    }

    /// <summary>
    /// For the verify mode: how many values the floor's <c>[Node]</c> transform produced on a cold run and on the run after
    /// the edit (both should be the node count), and the reasons of the second run's values.
    /// </summary>
    /// <param name="workload">The workload.</param>
    /// <returns>The counts and the tally of the run after the edit.</returns>
    internal static (int Cold, int AfterEdit, IncrementalRunReport.Tally Reasons) DescribeFloor(CompilationWorkload workload)
    {
        var cold = workload.CreateFloorDriver(trackSteps: true).RunGenerators(workload.Compilation);
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
