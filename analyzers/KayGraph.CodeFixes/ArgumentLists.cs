using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KayGraph.CodeFixes;

/// <summary>Edits argument and parameter lists while keeping their trivia.</summary>
internal static class ArgumentLists
{
    /// <summary>Appends <paramref name="argument"/> to <paramref name="list"/>, separated by <c>", "</c>.</summary>
    public static ArgumentListSyntax Append(ArgumentListSyntax list, ArgumentSyntax argument)
    {
        SeparatedSyntaxList<ArgumentSyntax> arguments = list.Arguments;
        if (arguments.Count == 0)
        {
            return list.WithArguments(SyntaxFactory.SingletonSeparatedList(argument));
        }

        return list.WithArguments(SyntaxFactory.SeparatedList<ArgumentSyntax>(arguments.GetWithSeparators().Add(Comma()).Add(argument)));
    }

    /// <summary>Appends <paramref name="parameter"/> to <paramref name="list"/>, separated by <c>", "</c>.</summary>
    public static ParameterListSyntax Append(ParameterListSyntax list, ParameterSyntax parameter)
    {
        SeparatedSyntaxList<ParameterSyntax> parameters = list.Parameters;
        if (parameters.Count == 0)
        {
            return list.WithParameters(SyntaxFactory.SingletonSeparatedList(parameter));
        }

        return list.WithParameters(SyntaxFactory.SeparatedList<ParameterSyntax>(parameters.GetWithSeparators().Add(Comma()).Add(parameter)));
    }

    /// <summary>An argument that passes <paramref name="name"/>, by name when <paramref name="parameterName"/> is given.</summary>
    public static ArgumentSyntax TokenArgument(string name, string? parameterName = null)
    {
        ArgumentSyntax argument = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(name));
        return parameterName is null
            ? argument
            : argument.WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(parameterName)).WithTrailingTrivia(SyntaxFactory.Space));
    }

    private static SyntaxToken Comma() => SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
}
