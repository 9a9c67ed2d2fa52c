using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace KayGraph.Analyzers;

/// <summary>A call found to block the calling thread, with what to use instead.</summary>
internal sealed class BlockingCall
{
    /// <summary>Creates the description of a blocking call.</summary>
    public BlockingCall(BlockingCallKind kind, SyntaxNode syntax, string api, string replacement, bool fixable, IMethodSymbol? twin = null, bool twinTakesToken = false)
    {
        Kind = kind;
        Syntax = syntax;
        Api = api;
        Replacement = replacement;
        Fixable = fixable;
        Twin = twin;
        TwinTakesToken = twinTakesToken;
    }

    /// <summary>What makes the call block.</summary>
    public BlockingCallKind Kind { get; }

    /// <summary>The node the diagnostic is reported on (the invocation or the <c>.Result</c> access).</summary>
    public SyntaxNode Syntax { get; }

    /// <summary>The blocking API, as shown in the message (<c>Thread.Sleep</c>).</summary>
    public string Api { get; }

    /// <summary>What to use instead, as shown in the message (<c>await Task.Delay</c>).</summary>
    public string Replacement { get; }

    /// <summary>Whether the code fixes can rewrite the call mechanically.</summary>
    public bool Fixable { get; }

    /// <summary>The awaitable twin, for <see cref="BlockingCallKind.SyncWithAsyncTwin"/>.</summary>
    public IMethodSymbol? Twin { get; }

    /// <summary>Whether <see cref="Twin"/> takes one more trailing cancellation token.</summary>
    public bool TwinTakesToken { get; }

    /// <summary>The properties that tell the code fixes what to rewrite.</summary>
    public ImmutableDictionary<string, string?> ToProperties()
    {
        ImmutableDictionary<string, string?>.Builder builder = ImmutableDictionary.CreateBuilder<string, string?>();
        builder[DiagnosticProperties.BlockingKind] = Kind.ToString();
        builder[DiagnosticProperties.Fixable] = Fixable ? "true" : "false";
        if (Twin is not null)
        {
            builder[DiagnosticProperties.TwinName] = Twin.Name;
            builder[DiagnosticProperties.TwinTakesToken] = TwinTakesToken ? "true" : "false";
        }

        return builder.ToImmutable();
    }
}
