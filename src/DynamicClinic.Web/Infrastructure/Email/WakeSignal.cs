namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// An in-process "look now" for a background loop. Notifications made while the loop is busy are not lost: the next
/// wait returns at once. Many notifications collapse into one pass, which is all a polling loop needs.
/// </summary>
public abstract class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private readonly Lock _lock = new();

    public void Notify()
    {
        lock (_lock)
        {
            if (_semaphore.CurrentCount == 0)
            {
                _semaphore.Release();
            }
        }
    }

    /// <summary>
    /// Waits until notified or until <paramref name="timeout"/> passes on the real clock. Deliberately not the
    /// injected <see cref="TimeProvider"/>: the poll interval is machine pacing, not clinic time, and tests that
    /// freeze the clinic's clock still need the loop to run. Returns true when notified.
    /// </summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _semaphore.Dispose();
        }
    }
}

/// <summary>Wakes the <see cref="OutboxSender"/>; call <see cref="WakeSignal.Notify"/> once new messages are committed.</summary>
public sealed class OutboxSignal : WakeSignal;

/// <summary>Wakes the <see cref="ReminderScheduler"/> (tests, or after a change that may need a reminder sooner).</summary>
public sealed class ReminderSignal : WakeSignal;
