#!/usr/bin/env sh
# Install the site's front-end packages from the npm registry (versions pinned in package-lock.json)
# and copy the files the site serves into api/ui/static/vendor/. Called by `make`; safe to re-run.
set -eu
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "web/install.sh: npm not found. The site still works, but the SPARQL page falls back to a plain" >&2
  echo "form and /docs to a link to /openapi.json. Install Node.js (npm) and run 'make' again." >&2
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
out=../api/ui/static/vendor
rm -rf "$out.tmp" && mkdir -p "$out.tmp/yasgui" "$out.tmp/swagger-ui"
# @zazuko/yasgui is MIT-licensed (its package.json); it ships no licence file to copy.
cp node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css "$out.tmp/yasgui/"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
   node_modules/swagger-ui-dist/LICENSE node_modules/swagger-ui-dist/favicon-32x32.png "$out.tmp/swagger-ui/"
node -e 'const l=require("./package-lock.json").packages; const v={yasgui:l["node_modules/@zazuko/yasgui"].version, "swagger-ui":l["node_modules/swagger-ui-dist"].version}; console.log(JSON.stringify(v))' > "$out.tmp/versions.json"
rm -rf "$out" && mv "$out.tmp" "$out"
touch "$out/.installed"
echo "web/install.sh: vendored $(cat "$out/versions.json") into api/ui/static/vendor/"
