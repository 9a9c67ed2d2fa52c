namespace KayGraph.Analyzers;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that tell the code fixes what to rewrite.</summary>
internal static class DiagnosticProperties
{
    /// <summary>The kind of blocking call (a <see cref="BlockingCallKind"/> name).</summary>
    public const string BlockingKind = "BlockingKind";

    /// <summary>The name of the awaitable twin method to call instead.</summary>
    public const string TwinName = "TwinName";

    /// <summary>"true" when the twin takes one more trailing <c>CancellationToken</c> than the blocking call.</summary>
    public const string TwinTakesToken = "TwinTakesToken";

    /// <summary>"true" when the fix can rewrite the call (for example <c>Wait()</c> without a timeout).</summary>
    public const string Fixable = "Fixable";

    /// <summary>The name of the cancellation token to pass.</summary>
    public const string TokenName = "TokenName";

    /// <summary>The name of the parameter that receives the token, when it must be passed by name.</summary>
    public const string ParameterName = "ParameterName";

    /// <summary>The undeclared action literal returned from post.</summary>
    public const string ActionLiteral = "ActionLiteral";

    /// <summary>The name of the generated <c>Action</c> member that matches the literal.</summary>
    public const string ActionMember = "ActionMember";

    /// <summary>The declared action whose generated member is <see cref="ActionMember"/>.</summary>
    public const string DeclaredAction = "DeclaredAction";

    /// <summary>The fully qualified name of the node class that the literal names unambiguously.</summary>
    public const string TargetType = "TargetType";
}
