#!/usr/bin/env bash
# Scale run of the KayGraph analyzers: writes a synthetic project of 1,000 nodes in 50 graphs, builds it with the
# analyzers attached and -p:ReportAnalyzer=true, fails on any analyzer crash (AD0001), and prints the analyzers' time
# and share of the compiler's time.
#
# Usage: tests/KayGraph.Analyzers.Tests/Scale/run-scale.sh [work-directory]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work="${1:-$(mktemp -d /tmp/kaygraph-analyzers-scale.XXXXXX)}"
graphs=50
nodes_per_graph=20
mkdir -p "$work/src" "$work/lib"

dotnet build "$repo/analyzers/KayGraph.CodeFixes/KayGraph.CodeFixes.csproj" -c Release -nologo -v:q >/dev/null
cp "$repo/generator/KayGraph.Generators/bin/Release/netstandard2.0/KayGraph.Generators.dll" "$work/lib/"
dotnet build "$repo/src/KayGraph/KayGraph.csproj" -c Release -f net8.0 -nologo -v:q >/dev/null
cp "$repo/analyzers/KayGraph.Analyzers/bin/Release/netstandard2.0/KayGraph.Analyzers.dll" "$work/lib/"
cp "$repo/analyzers/KayGraph.CodeFixes/bin/Release/netstandard2.0/KayGraph.CodeFixes.dll" "$work/lib/"
cp "$repo/src/KayGraph/bin/Release/net8.0/KayGraph.dll" "$work/lib/"

echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Packages.props"
cat > "$work/Scale.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <NoWarn>CS1998</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="lib/KayGraph.dll" />
    <!-- What the KayGraph package brings as dependencies (generated graphs use the DI abstractions). -->
    <PackageReference Include="Microsoft.Extensions.DependencyInjection.Abstractions" Version="8.0.2" />
    <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.2" />
  </ItemGroup>
  <ItemGroup Condition="'$(KayGraphAnalyzers)' != 'false'">
    <!-- The generator's assembly carries the declaration analyzer (KG0002..KG0016) beside the generator. -->
    <Analyzer Include="lib/KayGraph.Generators.dll" />
    <Analyzer Include="lib/KayGraph.Analyzers.dll" />
    <Analyzer Include="lib/KayGraph.CodeFixes.dll" />
  </ItemGroup>
</Project>
XML

cat > "$work/src/Shared.cs" <<'CS'
using System.Collections.Generic;

namespace Scale;

public sealed class Shared
{
    public Dictionary<string, int> Values { get; } = new();
    public List<string> Log { get; } = new();
}
CS

for ((g = 1; g <= graphs; g++)); do
  file="$work/src/Graph$g.cs"
  {
    echo 'using System;'
    echo 'using System.IO;'
    echo 'using System.Linq;'
    echo 'using System.Threading;'
    echo 'using System.Threading.Tasks;'
    echo 'using KayGraph;'
    echo
    echo 'namespace Scale;'
    echo
    echo "[Graph(typeof(G${g}N1))]"
    echo "public partial class Graph$g;"
    for ((n = 1; n <= nodes_per_graph; n++)); do
      next=$((n + 1))
      echo
      echo '[Node(MaxRetries = 2)]'
      if ((n < nodes_per_graph)); then
        echo "[Next<G${g}N${next}>(\"next\")]"
        echo "[Next(\"skip\", typeof(G${g}N${nodes_per_graph}))]"
      fi
      echo "public partial class G${g}N${n}"
      echo '{'
      echo '    private async Task<int[]> PrepAsync(Shared shared, CancellationToken cancellationToken)'
      echo '    {'
      echo "        await Task.Delay(1, cancellationToken);"
      echo "        return shared.Values.Values.Where(v => v > $n).ToArray();"
      echo '    }'
      echo
      echo '    private async Task<int> ExecAsync(int[] input, CancellationToken cancellationToken)'
      echo '    {'
      echo "        string path = Path.Combine(Path.GetTempPath(), \"g${g}n${n}.txt\");"
      echo '        await File.WriteAllTextAsync(path, input.Length.ToString(), cancellationToken);'
      echo '        string text = await File.ReadAllTextAsync(path, cancellationToken);'
      echo '        Func<int, int> square = x => x * x;'
      if ((n % 10 == 0)); then
        # one pitfall per ten nodes, so that the rules also report at scale
        echo '        Thread.Sleep(10);'
      fi
      echo '        return square(text.Length) + Helper(input);'
      echo '    }'
      echo
      echo '    private string Post(Shared shared, int[] prep, int exec)'
      echo '    {'
      echo "        shared.Values[\"g${g}n${n}\"] = exec;"
      if ((n < nodes_per_graph)); then
        echo '        return exec % 2 == 0 ? "next" : "skip";'
      else
        echo '        return "done";'
      fi
      echo '    }'
      echo
      echo '    private static int Helper(int[] values) => values.Sum();'
      echo '}'
    done
  } > "$file"
done

echo "Synthetic project: $graphs graphs x $nodes_per_graph nodes = $((graphs * nodes_per_graph)) nodes in $work"
dotnet restore "$work/Scale.csproj" -nologo -v:q >/dev/null

# One compiler run: prints "<csc ms> <all analyzers s> <KayGraph analyzers s>" and keeps the log.
build() {
  local name="$1"; shift
  local log="$work/build-$name.log"
  dotnet build "$work/Scale.csproj" --no-restore --no-incremental -nologo -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary "$@" > "$log" 2>&1 || { tail -50 "$log"; exit 1; }
  if grep -q "AD0001" "$log"; then
    echo "FAIL: analyzer crash (AD0001) in $name" >&2
    grep "AD0001" "$log" | sort -u | head -20 >&2
    exit 1
  fi
  local csc all kaygraph
  csc=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | awk '{print $1}' | head -1 || true)
  all=$(grep -m1 -E 'Total analyzer execution time:' "$log" | sed -E 's/.*: *([0-9.]+) seconds.*/\1/' || true)
  kaygraph=$(grep -m1 -E '^\s+[0-9.<]+ +[0-9<]+ +KayGraph\.Analyzers, Version' "$log" | awk '{print $1}' || true)
  declarations=$(grep -m1 -E '^\s+[0-9.<]+ +[0-9<]+ +KayGraph\.Generators, Version' "$log" | awk '{print $1}' || true)
  echo "${csc:-?} ${all:-0} ${kaygraph:-0} ${declarations:-0}"
}

# Warm-up (compiler server, JIT), then the measured runs.
build warmup > /dev/null
read -r base_csc _ _ < <(build none -p:KayGraphAnalyzers=false -p:EnableNETAnalyzers=false)
read -r kg_csc kg_all kg_own kg_decl < <(build kaygraph -p:EnableNETAnalyzers=false)
read -r sdk_csc sdk_all _ < <(build sdk -p:KayGraphAnalyzers=false)
read -r both_csc both_all both_own both_decl < <(build both)

warnings=$(grep -E 'warning KG10' "$work/build-both.log" | sed -E 's/.*(KG10[0-9][0-9]).*/\1/' | sort | uniq -c | tr '\n' ' ')
echo
echo "| configuration | Csc task (ms) | analyzer time reported (s) | KayGraph async analyzers (s) | declaration analyzer + generator assembly (s) |"
echo "|---|---:|---:|---:|---:|"
echo "| no analyzers | $base_csc | 0 | 0 | 0 |"
echo "| KayGraph analyzers only | $kg_csc | $kg_all | $kg_own | $kg_decl |"
echo "| SDK analyzers only | $sdk_csc | $sdk_all | 0 | 0 |"
echo "| SDK + KayGraph analyzers | $both_csc | $both_all | $both_own | $both_decl |"
echo
echo "Marginal Csc cost of the KayGraph analyzers: alone $((kg_csc - base_csc)) ms, on top of the SDK analyzers $((both_csc - sdk_csc)) ms"
echo "KayGraph diagnostics (with duplicates from the log summary): $warnings"
echo "Per rule (SDK + KayGraph run):"
grep -E '^\s+[0-9.<]+ +[0-9<]+ +KayGraph\.(Analyzers|Generators)\.' "$work/build-both.log" | sort -u
