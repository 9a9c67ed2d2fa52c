using System;
using System.Text;

namespace KayGraph.Generators.Emitting;

/// <summary>
/// A small indented writer for generated source (no syntax trees, no NormalizeWhitespace). Its buffer is reused: each
/// thread keeps the last finished writer's <see cref="StringBuilder"/>, so the ~1,000 files of a large project are written
/// into one grown buffer instead of each allocating a new one and growing it chunk by chunk. <see cref="Finish"/> ends the
/// writer.
/// </summary>
internal sealed class CodeWriter
{
    /// <summary>The size a new buffer starts with: a node's glue fits (snapshots of node files are 3–10 K characters).</summary>
    private const int InitialCapacity = 16 * 1024;

    /// <summary>A buffer larger than this (an unusually large graph) is not kept for the next writer.</summary>
    private const int MaxCachedCapacity = 256 * 1024;

    [ThreadStatic]
    private static StringBuilder? s_cached;

    private StringBuilder? _builder;
    private int _indent;

    public CodeWriter()
    {
        _builder = s_cached ?? new StringBuilder(InitialCapacity);
        s_cached = null;
        _builder.Clear();
    }

    private StringBuilder Builder => _builder ?? throw new InvalidOperationException("The writer is finished.");

    public CodeWriter Line(string text = "")
    {
        var builder = Builder;
        if (text.Length > 0)
        {
            builder.Append(' ', _indent * 4);
            builder.Append(text);
        }

        builder.Append('\n');
        return this;
    }

    public CodeWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>The text written, once: the buffer goes back to the thread's cache and the writer cannot be used again.</summary>
    public string Finish()
    {
        var builder = Builder;
        var text = builder.ToString();
        _builder = null;
        if (builder.Capacity <= MaxCachedCapacity)
        {
            s_cached = builder;
        }

        return text;
    }
}
