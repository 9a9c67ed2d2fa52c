using System;

namespace KayGraph;

/// <summary>
/// Retries exec only after failures of type <typeparamref name="TException"/> (or derived from it). Repeatable: a failure
/// is retried when it matches any of the node's <c>RetryOn</c> attributes; any other failure goes to the fallback after the
/// attempt that raised it. Without any <c>RetryOn</c>, every failure is retried. Cancellation by the caller is never retried.
/// </summary>
/// <typeparam name="TException">The exception type to retry.</typeparam>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RetryOnAttribute<TException> : Attribute
    where TException : Exception
{
}

/// <summary>
/// Retries exec only after failures of the given exception type (or derived from it): the form of
/// <see cref="RetryOnAttribute{TException}"/> for C# before 11. Repeatable; without any <c>RetryOn</c>, every failure is retried.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RetryOnAttribute : Attribute
{
    /// <summary>Retries failures of <paramref name="exceptionType"/>.</summary>
    /// <param name="exceptionType">An exception type (deriving from <see cref="Exception"/>).</param>
    public RetryOnAttribute(Type exceptionType) => ExceptionType = exceptionType;

    /// <summary>The exception type retried.</summary>
    public Type ExceptionType { get; }
}
