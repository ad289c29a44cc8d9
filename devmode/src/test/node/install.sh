#!/bin/sh
# Installs playwright-core (package.json beside this script) into DIR, unless the same package.json
# is installed there already. Used by .ci/setup and by DashboardBrowserTest, so that a `mvn clean`
# needs no second setup. No browser is downloaded: the test drives Debian's chromium.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
dir=$1
if [ -d "$dir/node_modules/playwright-core" ] && cmp -s "$here/package.json" "$dir/package.json"; then
  exit 0
fi
mkdir -p "$dir"
cp "$here/package.json" "$dir/package.json"
cd "$dir"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error >&2
