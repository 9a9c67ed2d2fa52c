using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KayGraph.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KayGraph.Analyzers;

/// <summary>
/// KG0001: a class (or record class) carrying <c>[Node]</c>, <c>[BatchNode]</c>, <c>[ParallelBatchNode]</c>, <c>[Graph]</c>,
/// <c>[BatchGraph]</c> or <c>[ParallelBatchGraph]</c>, or a class containing one, is not <c>partial</c>. The generator skips
/// such a class; this companion analyzer reports it on each declaration's identifier, where a pragma can suppress it and
/// the add-<c>partial</c> fix can repair it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PartialDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.NodeNotPartial);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols known = KnownSymbols.From(start.Compilation);
            if (known.NodeAttribute is not null)
            {
                start.RegisterSyntaxNodeAction(
                    node => Analyze(node, known),
                    SyntaxKind.ClassDeclaration,
                    SyntaxKind.StructDeclaration,
                    SyntaxKind.RecordDeclaration,
                    SyntaxKind.RecordStructDeclaration,
                    SyntaxKind.InterfaceDeclaration);
            }
        });
    }

    /// <summary>
    /// Reports on <c>context.Node</c> only (diagnostics stay local to the analyzed declaration): once for itself when it is a
    /// node or graph class, and once per node or graph class nested in it, when it is not partial.
    /// </summary>
    private static void Analyze(SyntaxNodeAnalysisContext context, KnownSymbols known)
    {
        var declaration = (TypeDeclarationSyntax)context.Node;

        // Syntax first: a partial declaration, or one without an attributed class in or under it, needs no semantic model.
        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return;
        }

        foreach (TypeDeclarationSyntax candidate in AttributedClasses(declaration))
        {
            if (!PartialDeclarations.MissingPartial(candidate).Contains(declaration)
                || context.SemanticModel.GetDeclaredSymbol(candidate, context.CancellationToken) is not { } type
                || KindOf(type, candidate, known) is not { } isGraph)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NodeNotPartial,
                declaration.Identifier.GetLocation(),
                declaration.Identifier.ValueText,
                PartialDeclarations.WhatIsBlocked(candidate, declaration, isGraph)));
        }
    }

    /// <summary>
    /// <paramref name="declaration"/> itself and the classes (records included) nested in it, at any depth, that carry
    /// attributes: the declarations the generator would extend.
    /// </summary>
    private static IEnumerable<TypeDeclarationSyntax> AttributedClasses(TypeDeclarationSyntax declaration)
    {
        if (declaration.AttributeLists.Count > 0 && PartialDeclarations.IsClassOrRecordClass(declaration))
        {
            yield return declaration;
        }

        foreach (MemberDeclarationSyntax member in declaration.Members)
        {
            if (member is TypeDeclarationSyntax nested)
            {
                foreach (TypeDeclarationSyntax inner in AttributedClasses(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>
    /// Whether a node/graph attribute is applied on this declaration of <paramref name="type"/> (the part the generator
    /// extends): <see langword="true"/> for a graph, <see langword="false"/> for a node, <see langword="null"/> for neither.
    /// </summary>
    private static bool? KindOf(INamedTypeSymbol type, TypeDeclarationSyntax declaration, KnownSymbols known)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.ApplicationSyntaxReference is not { } reference
                || reference.SyntaxTree != declaration.SyntaxTree
                || !declaration.AttributeLists.Span.Contains(reference.Span))
            {
                continue;
            }

            INamedTypeSymbol? attributeClass = attribute.AttributeClass;
            if (Is(attributeClass, known.GraphAttribute) || Is(attributeClass, known.BatchGraphAttribute) || Is(attributeClass, known.ParallelBatchGraphAttribute))
            {
                return true;
            }

            if (Is(attributeClass, known.NodeAttribute) || Is(attributeClass, known.BatchNodeAttribute) || Is(attributeClass, known.ParallelBatchNodeAttribute))
            {
                return false;
            }
        }

        return null;
    }

    private static bool Is(INamedTypeSymbol? candidate, INamedTypeSymbol? attribute) =>
        attribute is not null && SymbolEqualityComparer.Default.Equals(candidate, attribute);
}
