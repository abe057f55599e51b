#!/usr/bin/env bash
# Renders the sample digest and screenshots it as a phone would show it (420 px wide).
#   functions/digest/render-preview.sh        -> docs/digest-example.{html,txt,eml,png}
# Needs Maven (the project builds offline once ~/.m2 is primed) and Chromium (installed if missing, Debian/Ubuntu).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

# 1. The sample digest: PreviewDigest writes the HTML (chart inlined), text and .eml.
mvn -B -q -pl functions/digest -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime
java -Djava.awt.headless=true \
  -cp "functions/digest/target/classes:$(cat functions/digest/target/runtime-classpath.txt)" \
  com.communitypulse.digest.PreviewDigest "$root/docs"

# 2. Chromium, headless, no network, no profile left behind.
if ! command -v chromium >/dev/null 2>&1; then
  apt-get install -y chromium
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$profile" \
  --screenshot="$root/docs/digest-example.png" --window-size=420,2000 \
  "file://$root/docs/digest-example.html"
echo "screenshot: docs/digest-example.png"
