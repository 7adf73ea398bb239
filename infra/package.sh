#!/usr/bin/env bash
# Builds the deployable Functions app package: artifacts/functionapp.zip, laid out as the Functions host
# expects its app root (host.json, one folder per function with its function.json, the handler executable).
# The handler is published self-contained for linux-x64 so the worker image needs no .NET runtime.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/functionapp
rm -rf "$out" artifacts/functionapp.zip
mkdir -p "$out"

dotnet publish functions/Automation.Functions -c Release -r linux-x64 --self-contained true \
  -p:PublishSingleFile=true -p:DebugType=none -o "$out" -nologo -v quiet
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
