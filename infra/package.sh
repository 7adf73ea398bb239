#!/usr/bin/env bash
# Builds artifacts/functionapp.zip: the `dotnet publish` output of the function app with its files at the zip's root,
# which is the package a Flex Consumption app (runtime dotnet-isolated) runs. Deploy it with
#   az functionapp deployment source config-zip -g <resource-group> -n <app-name> --src artifacts/functionapp.zip
# (`azd deploy` does not use this zip: azd runs the same `dotnet publish` itself and zips its output.)
#
#   infra/package.sh [project-dir]      default: functions/Automation.Functions
# The argument exists so the script can be exercised on another isolated app (e.g. tests/Automation.DevHost.TestApp).
set -euo pipefail
cd "$(dirname "$0")/.."

project=${1:-functions/Automation.Functions}
out=artifacts/functionapp
zip=artifacts/functionapp.zip
rm -rf "$out" "$zip"
mkdir -p artifacts

# The committed lock files must come out of this unchanged. Restore runs in locked mode, so a lock file that no
# longer matches the project fails the build instead of being rewritten. No runtime identifier is passed: a
# runtime-specific publish would need a linux-x64 section the lock files do not have, and Flex Consumption runs a
# framework-dependent app anyway (it starts `dotnet <worker>.dll` on its own .NET runtime). This is also the
# publish azd runs, so both deploy paths ship the same files.
lock_digest() { git ls-files -z '*packages.lock.json' 2>/dev/null | xargs -0 -r sha256sum; }
locks_before=$(lock_digest)

echo "dotnet publish $project -c Release (framework-dependent, locked restore) ..."
dotnet publish "$project" -c Release -p:RestoreLockedMode=true -o "$out" -nologo -v quiet

if [ "$(lock_digest)" != "$locks_before" ]; then
  echo "error: the publish changed a committed packages.lock.json (see git diff); not packaging." >&2
  exit 1
fi

# The host finds the worker through worker.config.json; it must name a dll at the package root.
worker=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["description"]["defaultWorkerPath"])' \
  "$out/worker.config.json" 2>/dev/null || sed -n 's/.*"defaultWorkerPath": *"\([^"]*\)".*/\1/p' "$out/worker.config.json")
if [ -z "$worker" ]; then echo "error: $out/worker.config.json names no defaultWorkerPath" >&2; exit 1; fi

# A self-contained publish lists "includedFrameworks" instead of the shared framework(s) to load.
runtimeconfig="$out/${worker%.dll}.runtimeconfig.json"
if ! grep -Eq '"frameworks?"' "$runtimeconfig"; then
  echo "error: $runtimeconfig is not framework-dependent" >&2; exit 1
fi

# Zip the folder's contents (not the folder), dot-folders included: .azurefunctions/ holds the extension
# assemblies the host loads for the queue trigger.
if command -v zip >/dev/null; then
  (cd "$out" && zip -qrX ../functionapp.zip .)
else
  python3 - "$out" "$zip" <<'EOF'
import os, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            z.write(path, os.path.relpath(path, root))
EOF
fi

# Check the zip itself, not the folder: these must sit at its root for the host to start the app.
entries=$(python3 -c 'import sys,zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$zip" 2>/dev/null \
  || unzip -Z1 "$zip")
missing=0
for required in host.json functions.metadata worker.config.json "$worker" .azurefunctions/; do
  if [ "$required" = .azurefunctions/ ]; then
    grep -q '^\.azurefunctions/.' <<<"$entries" || { echo "error: $zip has no .azurefunctions/ at its root" >&2; missing=1; }
  else
    grep -qxF "$required" <<<"$entries" || { echo "error: $zip has no $required at its root" >&2; missing=1; }
  fi
done
[ "$missing" = 0 ] || exit 1

echo "$zip: $(grep -c "[^/]$" <<<"$entries") files, $(du -h "$zip" | cut -f1); at its root: host.json, functions.metadata," \
  "worker.config.json, $worker, .azurefunctions/"
