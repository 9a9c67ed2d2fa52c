namespace KayGraph;

/// <summary>How the wait between two attempts of exec grows with each retry (see <see cref="NodeSettings.GetDelay"/>).</summary>
public enum Backoff
{
    /// <summary>Every retry waits <see cref="NodeSettings.Wait"/>.</summary>
    Constant,

    /// <summary>Retry <c>n</c> (1-based) waits <c>Wait × n</c>.</summary>
    Linear,

    /// <summary>Retry <c>n</c> (1-based) waits <c>Wait × 2^(n-1)</c>.</summary>
    Exponential,
}
