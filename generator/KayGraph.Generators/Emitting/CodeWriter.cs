using System.Text;

namespace KayGraph.Generators.Emitting;

/// <summary>A small indented writer for generated source (no syntax trees, no NormalizeWhitespace).</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _builder = new(4096);
    private int _indent;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
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

    public override string ToString() => _builder.ToString();
}
