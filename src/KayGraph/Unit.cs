using System;

namespace KayGraph;

/// <summary>
/// The result of a phase that produces nothing (a <c>Prep</c> or <c>Exec</c> returning <see langword="void"/>, or a
/// missing phase). It has a single value, so it costs nothing to pass around.
/// </summary>
public readonly struct Unit : IEquatable<Unit>
{
    /// <summary>The only value.</summary>
    public static Unit Value => default;

    /// <inheritdoc />
    public bool Equals(Unit other) => true;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Unit;

    /// <inheritdoc />
    public override int GetHashCode() => 0;

    /// <inheritdoc />
    public override string ToString() => "()";

    /// <summary>Always <see langword="true"/>.</summary>
    public static bool operator ==(Unit left, Unit right) => true;

    /// <summary>Always <see langword="false"/>.</summary>
    public static bool operator !=(Unit left, Unit right) => false;
}
