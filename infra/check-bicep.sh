#!/usr/bin/env bash
# Compiles and lints the Bicep templates offline: the type checks (resource types, API versions, property names
# and value types, e.g. of functionAppConfig) and the default linter rules. Nothing is sent to Azure; a deployment
# can still fail on things only ARM checks (names taken, quotas, regions, policies).
# The Bicep CLI comes from NuGet (Azure.Bicep.CommandLine.linux-x64), restored into a cache outside the repository,
# so no Azure CLI is needed. Set BICEP=/path/to/bicep to use another one.
#   infra/check-bicep.sh
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.49.2
cache=${XDG_CACHE_HOME:-$HOME/.cache}/automation-bicep
bicep=${BICEP:-$cache/packages/azure.bicep.commandline.linux-x64/$version/tools/bicep}

if [ ! -x "$bicep" ]; then
  mkdir -p "$cache"
  # A throwaway project outside the repository, so the repository's central package versions and lock files
  # are not involved.
  cat >"$cache/download.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$version]" />
  </ItemGroup>
</Project>
EOF
  dotnet restore "$cache/download.csproj" --packages "$cache/packages" -nologo -v quiet
  chmod +x "$bicep"
fi

"$bicep" --version
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Warnings count as failures too. build reports the module's diagnostics, lint each file's linter rules; the same
# diagnostic can come from several of them, hence sort -u.
status=0
diagnostics=$({ "$bicep" build infra/main.bicep --outdir "$out" 2>&1 || echo "bicep build failed"
  "$bicep" lint infra/main.bicep 2>&1; "$bicep" lint infra/resources.bicep 2>&1; } | sort -u) || status=$?
if [ -n "$diagnostics" ] || [ "$status" != 0 ]; then echo "$diagnostics" >&2; exit 1; fi
echo "infra/main.bicep and infra/resources.bicep: compiled, no errors or warnings"
