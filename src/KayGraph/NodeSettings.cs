using System;

namespace KayGraph;

/// <summary>
/// The retry policy and concurrency limit of a node: how many attempts exec gets, how long to wait between them (and how
/// the wait grows, up to which cap, with or without jitter), how long one attempt may take, which errors are retried, and
/// (for parallel batch nodes) how many items may be in flight at once. Instances are immutable and can be shared.
/// </summary>
public sealed class NodeSettings
{
    /// <summary>One attempt, no wait, unbounded concurrency.</summary>
    public static readonly NodeSettings Default = new();

    /// <summary>Creates settings, validating every argument.</summary>
    /// <param name="maxRetries">Total number of attempts of exec (at least 1; 1 = no retry).</param>
    /// <param name="wait">Time waited between two attempts (not negative).</param>
    /// <param name="maxConcurrency">Maximum items in flight for parallel batches (at least 1; <see cref="int.MaxValue"/> = unbounded).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it.</exception>
    public NodeSettings(int maxRetries = 1, TimeSpan wait = default, int maxConcurrency = int.MaxValue)
    {
        if (maxRetries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetries), maxRetries, "MaxRetries is the total number of attempts and must be at least 1.");
        }

        if (wait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(wait), wait, "The wait between attempts must not be negative.");
        }

        if (maxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrency), maxConcurrency, "MaxConcurrency must be at least 1.");
        }

        MaxRetries = maxRetries;
        Wait = wait;
        MaxConcurrency = maxConcurrency;
    }

    /// <summary>Creates settings with a backoff, a cap, jitter, a per-attempt timeout and a retry filter, validating every argument.</summary>
    /// <param name="maxRetries">Total number of attempts of exec (at least 1; 1 = no retry).</param>
    /// <param name="wait">The base wait between two attempts (not negative).</param>
    /// <param name="maxConcurrency">Maximum items in flight for parallel batches (at least 1; <see cref="int.MaxValue"/> = unbounded).</param>
    /// <param name="backoff">How the wait grows with each retry.</param>
    /// <param name="maxWait">The cap on one wait (not negative; <see cref="TimeSpan.Zero"/> = no cap; else at least <paramref name="wait"/>).</param>
    /// <param name="jitter">Whether each wait is randomized (equal jitter: between half the wait and the whole wait).</param>
    /// <param name="timeout">How long one attempt of exec may run (not negative; <see cref="TimeSpan.Zero"/> = no limit).</param>
    /// <param name="retryOn">
    /// Which failures are retried; <see langword="null"/> retries every failure. Cancellation by the caller is never retried,
    /// whatever the filter says.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it.</exception>
    public NodeSettings(int maxRetries, TimeSpan wait, int maxConcurrency, Backoff backoff, TimeSpan maxWait = default, bool jitter = false, TimeSpan timeout = default, Func<Exception, bool>? retryOn = null)
        : this(maxRetries, wait, maxConcurrency)
    {
        if (backoff is < Backoff.Constant or > Backoff.Exponential)
        {
            throw new ArgumentOutOfRangeException(nameof(backoff), backoff, "Backoff must be Constant, Linear or Exponential.");
        }

        if (maxWait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWait), maxWait, "MaxWait must not be negative (zero = no cap).");
        }

        if (maxWait > TimeSpan.Zero && maxWait < wait)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWait), maxWait, "MaxWait must not be smaller than the wait it caps.");
        }

        if (timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout of an attempt must not be negative (zero = none).");
        }

        if (timeout > MaxTimerDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout of an attempt must not exceed int.MaxValue milliseconds.");
        }

        Backoff = backoff;
        MaxWait = maxWait;
        Jitter = jitter;
        Timeout = timeout;
        RetryOn = retryOn;
    }

    /// <summary>Total number of attempts of exec (1 = no retry).</summary>
    public int MaxRetries { get; }

    /// <summary>Time waited between two attempts.</summary>
    public TimeSpan Wait { get; }

    /// <summary>Maximum number of batch items in flight at once (<see cref="int.MaxValue"/> = unbounded).</summary>
    public int MaxConcurrency { get; }

    /// <summary>How the wait grows with each retry. Default: <see cref="Backoff.Constant"/>.</summary>
    public Backoff Backoff { get; }

    /// <summary>The cap on one wait (<see cref="TimeSpan.Zero"/> = no cap).</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>Whether each wait is randomized: equal jitter, a wait <c>d</c> becomes <c>d/2 + random(0, d/2)</c>.</summary>
    public bool Jitter { get; }

    /// <summary>
    /// How long one attempt of exec may run (<see cref="TimeSpan.Zero"/> = no limit). When it elapses, the attempt's token
    /// (<see cref="NodeContext.CancellationToken"/> inside exec) is cancelled and the attempt fails with a
    /// <see cref="TimeoutException"/>, retried like any failure.
    /// </summary>
    public TimeSpan Timeout { get; }

    /// <summary>Which failures are retried (<see langword="null"/> = every failure); cancellation by the caller never is.</summary>
    public Func<Exception, bool>? RetryOn { get; }

    /// <summary>
    /// The key of the Polly <c>ResiliencePipeline</c> each exec attempt runs through (<c>[Node(Resilience = "llm")]</c>),
    /// found in the <c>ResiliencePipelineProvider&lt;string&gt;</c> of <see cref="RunOptions.Services"/>; <see langword="null"/> for none.
    /// </summary>
    public string? Resilience { get; private set; }

    /// <summary>A copy of these settings whose exec attempts run through the Polly pipeline registered under <paramref name="key"/>.</summary>
    /// <param name="key">The pipeline's key.</param>
    /// <returns>The new settings.</returns>
    public NodeSettings WithResilience(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("A resilience pipeline needs a key.", nameof(key));
        }

        var copy = (NodeSettings)MemberwiseClone();
        copy.Resilience = key;
        return copy;
    }

    /// <summary>The longest wait or timeout a timer takes (<see cref="int.MaxValue"/> milliseconds, about 24.8 days).</summary>
    internal static TimeSpan MaxTimerDuration { get; } = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>
    /// The wait before retry <paramref name="retry"/> (1-based: the wait after the first failed attempt is retry 1), before
    /// jitter: <see cref="Backoff.Constant"/> = <c>Wait</c>, <see cref="Backoff.Linear"/> = <c>Wait × n</c>,
    /// <see cref="Backoff.Exponential"/> = <c>Wait × 2^(n-1)</c>; then capped by <see cref="MaxWait"/> when it is set, and
    /// never more than <see cref="int.MaxValue"/> milliseconds.
    /// </summary>
    /// <param name="retry">The retry, from 1.</param>
    /// <returns>The wait.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retry"/> is below 1.</exception>
    public TimeSpan GetDelay(int retry)
    {
        if (retry < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(retry), retry, "Retries are numbered from 1.");
        }

        var factor = Backoff switch
        {
            Backoff.Linear => retry,
            Backoff.Exponential => Math.Pow(2, retry - 1),
            _ => 1.0,
        };
        var cap = MaxWait > TimeSpan.Zero && MaxWait < MaxTimerDuration ? MaxWait : MaxTimerDuration;
        var ticks = Wait.Ticks * factor;
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The wait before retry <paramref name="retry"/> as the executor waits it: <see cref="GetDelay"/>, with jitter when it is on.</summary>
    internal TimeSpan NextDelay(int retry)
    {
        var delay = GetDelay(retry);
        return Jitter && delay > TimeSpan.Zero ? ApplyJitter(delay, JitterRandom.NextDouble()) : delay;
    }

    /// <summary>Equal jitter: <c>d/2 + sample × d/2</c>, for a <paramref name="sample"/> in [0, 1): between half of <paramref name="delay"/> and all of it.</summary>
    internal static TimeSpan ApplyJitter(TimeSpan delay, double sample)
    {
        var half = delay.Ticks / 2;
        return TimeSpan.FromTicks(delay.Ticks - half + (long)(half * sample));
    }

    /// <summary>Whether <paramref name="error"/>, which failed an attempt, may be retried under <see cref="RetryOn"/>.</summary>
    internal bool ShouldRetry(Exception error) => RetryOn is not { } filter || filter(error);

    /// <summary>Creates settings from attribute-style arguments (milliseconds).</summary>
    /// <param name="maxRetries">Total number of attempts.</param>
    /// <param name="waitMilliseconds">Milliseconds between attempts.</param>
    /// <param name="maxConcurrency">Maximum items in flight.</param>
    /// <returns>The validated settings.</returns>
    public static NodeSettings FromMilliseconds(int maxRetries, int waitMilliseconds, int maxConcurrency = int.MaxValue)
    {
        if (waitMilliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(waitMilliseconds), waitMilliseconds, "WaitMilliseconds must not be negative.");
        }

        return maxRetries == 1 && waitMilliseconds == 0 && maxConcurrency == int.MaxValue
            ? Default
            : new NodeSettings(maxRetries, TimeSpan.FromMilliseconds(waitMilliseconds), maxConcurrency);
    }

    /// <summary>Creates settings from attribute-style arguments (milliseconds), with backoff, cap, jitter, timeout and retry filter.</summary>
    /// <param name="maxRetries">Total number of attempts.</param>
    /// <param name="waitMilliseconds">Base milliseconds between attempts.</param>
    /// <param name="maxConcurrency">Maximum items in flight.</param>
    /// <param name="backoff">How the wait grows.</param>
    /// <param name="maxWaitMilliseconds">The cap on one wait (0 = no cap).</param>
    /// <param name="jitter">Whether waits are randomized.</param>
    /// <param name="timeoutMilliseconds">How long one attempt may run (0 = no limit).</param>
    /// <param name="retryOn">Which failures are retried (<see langword="null"/> = every failure but cancellation).</param>
    /// <returns>The validated settings.</returns>
    public static NodeSettings FromMilliseconds(int maxRetries, int waitMilliseconds, int maxConcurrency, Backoff backoff, int maxWaitMilliseconds, bool jitter, int timeoutMilliseconds, Func<Exception, bool>? retryOn)
    {
        if (waitMilliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(waitMilliseconds), waitMilliseconds, "WaitMilliseconds must not be negative.");
        }

        if (maxWaitMilliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWaitMilliseconds), maxWaitMilliseconds, "MaxWaitMilliseconds must not be negative.");
        }

        if (timeoutMilliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeoutMilliseconds), timeoutMilliseconds, "TimeoutMilliseconds must not be negative.");
        }

        return new NodeSettings(
            maxRetries,
            TimeSpan.FromMilliseconds(waitMilliseconds),
            maxConcurrency,
            backoff,
            TimeSpan.FromMilliseconds(maxWaitMilliseconds),
            jitter,
            TimeSpan.FromMilliseconds(timeoutMilliseconds),
            retryOn);
    }

    /// <summary>The random numbers of jitter, safe to draw from any thread.</summary>
    private static class JitterRandom
    {
#if NET8_0_OR_GREATER
        public static double NextDouble() => Random.Shared.NextDouble();
#else
        private static readonly Random Shared = new();
        private static readonly object Gate = new();

        public static double NextDouble()
        {
            lock (Gate)
            {
                return Shared.NextDouble();
            }
        }
#endif
    }
}
