#!/usr/bin/env bash
# Runs the product locally in the foreground until stopped (Ctrl+C).
# Does its own set-up on a fresh machine: npm install (Azurite), restore, build.
# The development host (infra/DevHost) plays the Functions host's part: it launches the built isolated worker as the
# host does, speaks the host-worker gRPC protocol, serves HTTP with function keys, fires timers, polls queues, offers
# /admin/functions/{name}, and starts Azurite when storage is the emulator.
#   ./run.sh [--urls http://127.0.0.1:7071] [--settings local.settings.json]
#   ./run.sh --func    runs `func start` instead, where Azure Functions Core Tools is installed
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ]; then
  echo "Installing Azurite, the storage emulator (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

app=functions/Automation.Functions

# A local.settings.json made before a setting was added lacks it (a timer would then fail to start): copy in any
# setting of the example that the file does not have, and say so. The user's own values are left alone.
if [ -f local.settings.json ]; then
  node -e '
    const fs = require("fs");
    const local = JSON.parse(fs.readFileSync("local.settings.json", "utf8"));
    const example = JSON.parse(fs.readFileSync("local.settings.example.json", "utf8"));
    local.Values ??= {};
    const added = Object.keys(example.Values).filter(key => !(key in local.Values));
    for (const key of added) local.Values[key] = example.Values[key];
    if (added.length) {
      fs.writeFileSync("local.settings.json", JSON.stringify(local, null, 2) + "\n");
      console.log("Added to local.settings.json from the example: " + added.join(", "));
    }'
fi

if [ "${1:-}" = "--func" ]; then
  shift
  command -v func >/dev/null || { echo "Azure Functions Core Tools (func) is not installed; run ./run.sh without --func." >&2; exit 1; }
  [ -f local.settings.json ] || cp local.settings.example.json local.settings.json
  ln -sf ../../local.settings.json "$app/local.settings.json"
  cd "$app" && exec func start "$@"
fi

echo "Restoring packages (the first run downloads them, which can take a minute)..."
dotnet restore "$app" --locked-mode -v quiet
dotnet restore infra/DevHost --locked-mode -v quiet
echo "Building the function app and the development host..."
dotnet build "$app" --no-restore -c Release -nologo -v quiet -clp:"ErrorsOnly;NoSummary"
dotnet build infra/DevHost --no-restore -c Release -nologo -v quiet -clp:"ErrorsOnly;NoSummary"

exec dotnet infra/DevHost/bin/Release/net10.0/Automation.DevHost.dll \
  --script-root "$app/bin/Release/net10.0" --settings "$PWD/local.settings.json" "$@"
