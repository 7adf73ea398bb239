#!/usr/bin/env bash
# Builds the deployable Functions app package: artifacts/functionapp.zip, laid out as the Functions host
# expects its app root (host.json, one folder per function with its function.json, the handler executable).
# The handler is published self-contained for linux-x64 so the worker image needs no .NET runtime.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/functionapp
rm -rf "$out" artifacts/functionapp.zip
mkdir -p "$out"

# A runtime-specific publish adds a linux-x64 section to the lock files; keep the committed ones as they are.
locks=$(git ls-files '*packages.lock.json')
backup=$(mktemp -d)
for f in $locks; do mkdir -p "$backup/$(dirname "$f")"; cp "$f" "$backup/$f"; done
trap 'for f in $locks; do cp "$backup/$f" "$f"; done; rm -rf "$backup"' EXIT

# ReadyToRun: precompiled code, so the handler answers the host's first GET / sooner (cold start).
dotnet publish functions/Automation.Functions -c Release -r linux-x64 --self-contained true \
  -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:DebugType=none -o "$out" -nologo -v quiet
rm -f "$out"/*.staticwebassets.*.json
cp host.json "$out/"
for dir in functions/*/; do
  name=$(basename "$dir")
  if [ -f "$dir/function.json" ]; then
    mkdir -p "$out/$name"
    cp "$dir/function.json" "$out/$name/"
  fi
done
chmod +x "$out/Automation.Functions"
(cd "$out" && python3 -c "import shutil; shutil.make_archive('../functionapp', 'zip', '.')" 2>/dev/null || zip -qr ../functionapp.zip .)
echo "artifacts/functionapp.zip:"
(cd "$out" && find . -name function.json | sort)
