using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DynamicClinic.IntegrationTests.Infrastructure.Email;

/// <summary>Everything logged through <see cref="RecordingLogger{T}"/>: each message rendered, with its structured values and exception.</summary>
public sealed class LogRecord
{
    private readonly ConcurrentQueue<string> _entries = new();

    public string Text => string.Join('\n', _entries);

    public void Add(string entry) => _entries.Enqueue(entry);
}

/// <summary>Records what a class logs and passes it on to the site's real logger.</summary>
public sealed class RecordingLogger<T>(LogRecord record, ILogger inner) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        record.Add($"{logLevel}: {formatter(state, exception)} [{values}] {exception}");
        inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
