using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace KayGraph.Tests.Support;

/// <summary>One log entry captured by <see cref="RecordingLogger"/>.</summary>
public sealed record LogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>An <see cref="ILogger"/> that keeps every entry so tests can assert on warnings.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>The captured entries, in order.</summary>
    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    /// <summary>The captured entries with the event name <paramref name="eventName"/>.</summary>
    public IReadOnlyList<LogEntry> Named(string eventName) => _entries.Where(e => e.EventId.Name == eventName).ToArray();

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception), exception));
    }
}
