#!/usr/bin/env bash
# Renders the sample digest and screenshots it as a phone would show it (420 px wide).
#   functions/digest/render-preview.sh                -> target/preview/digest-example.{html,txt,eml,png}
#   functions/digest/render-preview.sh --update-docs  -> docs/digest-example.{html,txt,eml,png} (the published sample)
#   --out DIR   write there instead; --yes   install Chromium without asking if it is missing
# Needs Maven (the project builds offline once ~/.m2 is primed) and Chromium. If Chromium is missing it
# asks before installing it with apt-get (Debian/Ubuntu); without a terminal to ask, it stops unless --yes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

out="$root/target/preview"
yes=false
while [ $# -gt 0 ]; do
  case "$1" in
    --update-docs) out="$root/docs" ;;
    --out) shift; out="$(mkdir -p "$1" && cd "$1" && pwd)" ;;
    --yes) yes=true ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "render-preview: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out"

# 0. Chromium first, so nothing is built for a run that cannot finish.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$yes" != true ]; then
    if [ -t 0 ]; then
      read -r -p "render-preview: Chromium is not installed. Install it now with 'apt-get install -y chromium'? [y/N] " answer
      case "$answer" in [yY]|[yY][eE][sS]) ;; *) echo "render-preview: not installing; nothing rendered" >&2; exit 1 ;; esac
    else
      echo "render-preview: Chromium is not installed; install it (apt-get install chromium) or pass --yes" >&2
      exit 1
    fi
  fi
  apt-get install -y chromium
fi

# 1. The sample digest: PreviewDigest (an operator tool, in the tools module) writes the HTML (chart inlined),
#    text and .eml of tools' SampleWeek.
mvn -B -q -pl tools -am package -DskipTests
java -Djava.awt.headless=true -cp tools/target/tools.jar com.communitypulse.tools.PreviewDigest "$out"

# 2. Chromium, headless, no network, no profile left behind.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$profile" \
  --screenshot="$out/digest-example.png" --window-size=420,2000 \
  "file://$out/digest-example.html"
echo "screenshot: ${out#"$root"/}/digest-example.png"
