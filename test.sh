#!/usr/bin/env bash
# Runs every test: restores (locked), installs Azurite, builds, and runs the xunit projects.
# Tests that need storage start their own Azurite on free loopback ports, in memory.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
dotnet restore Automation.sln --locked-mode
dotnet build Automation.sln --no-restore -c Release -nologo -clp:ErrorsOnly
dotnet test Automation.sln --no-build -c Release -nologo --filter "Category!=Benchmark" "$@"
