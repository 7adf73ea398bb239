#!/usr/bin/env bash
# Measures the product through the development host and the real worker, against a fresh in-memory Azurite:
# storage transactions per webhook and per reminder sent, webhook latency under concurrency, sweep cost for stored
# versus due orders (artifacts/benchmarks.md), and the worker's start-up time next to a minimal isolated app
# (artifacts/startup.md); and the review reading on the development sets beside the repository, if there
# (artifacts/review-reading.md). Prints the figures.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
dotnet restore Automation.sln --locked-mode
dotnet build Automation.sln --no-restore -c Release -nologo -clp:ErrorsOnly
dotnet test tests/Automation.Core.Tests --no-build -c Release -nologo --filter "Category=Benchmark"
dotnet test tests/Automation.Functions.Tests --no-build -c Release -nologo --filter "Category=Benchmark" \
  --logger "console;verbosity=normal"
echo
cat artifacts/benchmarks.md
echo
cat artifacts/startup.md
echo
cat artifacts/review-reading.md
