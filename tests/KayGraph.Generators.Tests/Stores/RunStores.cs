using System;
using System.Collections.Generic;

namespace KayGraph.Generators.Tests.Stores;

// Shared stores of the compile-and-run inputs. They live in the test assembly so tests create and read them without
// reflection; the compiled inputs reference this assembly.

/// <summary>The design's example store.</summary>
public sealed class Shared
{
    public string[] Urls = Array.Empty<string>();

    public List<Page> Pages = new();

    public List<string> Trace = new();
}

/// <summary>One fetched page of the design's example.</summary>
public sealed record Page(string Url, string Body);

/// <summary>The store of the async-workflow tutorial (lesson 2).</summary>
public sealed class WorkflowState
{
    public string Query = "";

    public int ItemsPerSource;

    public List<string> Urls = new();

    public List<int> Responses = new();

    public int TotalItems;

    public string? Analysis;

    public bool CleanedUp;

    public List<string> Trace = new();
}

/// <summary>A general store for behaviour tests: a counter, a limit, a trace and a journal of attempts.</summary>
public sealed class Journal
{
    public int Count;

    public int Limit;

    public int FailuresBeforeSuccess;

    public int Attempts;

    public string? Result;

    public bool SuppressErrors;

    public List<string> Trace = new();
}
