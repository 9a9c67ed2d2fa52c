using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>A logger that keeps every entry (level and message), to observe the runtime's warnings.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly object _gate = new();

    public List<(LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
