using System.IO;
using System.Linq;
using System.Reflection;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>
/// Paths in the source tree. The root comes from the build (assembly metadata), not from <c>[CallerFilePath]</c>:
/// CI builds are deterministic and map source paths to <c>/_/</c>, which does not exist on disk.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Path.GetFullPath(
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!);

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
