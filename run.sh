#!/usr/bin/env bash
# Runs the product locally in the foreground until stopped (Ctrl+C).
# Does its own set-up on a fresh machine: npm install (Azurite), restore, build.
# The app starts in local mode: it plays the Functions host's part (timers, queue triggers,
# function keys, /admin/functions/{name}) and starts Azurite when storage is the emulator.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
dotnet restore functions/Automation.Functions --locked-mode -v quiet
dotnet build functions/Automation.Functions --no-restore -c Release -nologo -v quiet -clp:ErrorsOnly

export AUTOMATION_APP_ROOT="$PWD"
exec dotnet functions/Automation.Functions/bin/Release/net10.0/Automation.Functions.dll "$@"
