namespace KayGraph.Generators.Diagnostics;

/// <summary>The ids of the generator's declaration diagnostics. Stable once shipped.</summary>
internal static class DiagnosticIds
{
    public const string PhaseSyncAndAsync = "KG0002";
    public const string AsyncPhaseNotAwaitable = "KG0003";
    public const string ExecParameterMismatch = "KG0004";
    public const string PostParameterMismatch = "KG0005";
    public const string NextTargetNotNode = "KG0006";
    public const string DuplicateAction = "KG0007";
    public const string GraphStartInvalid = "KG0008";
    public const string IncompatibleSharedTypes = "KG0009";
    public const string InvalidActionName = "KG0010";
    public const string InvalidAttributeArgument = "KG0011";
    public const string CycleWithoutExit = "KG0012";
    public const string InvalidPhaseSignature = "KG0013";
    public const string SharedTypeUnknown = "KG0014";
    public const string InternalError = "KG0099";
}
