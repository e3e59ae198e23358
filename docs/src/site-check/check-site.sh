#!/usr/bin/env bash
# Checks the built site as a reader sees it, and the claims about the seed's C listing.
#   check-site.sh SITE_DIR TARGET_DIR
set -euo pipefail
site="$1"; target="$2"
here="$(cd "$(dirname "$0")" && pwd)"
seed="$here/../../../core/src/main/resources/dev/connectkit/manpage/connect.zh.md"

# 1. The seed's listing does not compile as printed (serv_addr is undeclared); the corrected one does.
if command -v cc >/dev/null; then
  sed -n '/^```c$/,/^```$/p' "$seed" | sed '1,/^```$/d' | sed '/^```/d' > "$target/seed-listing.c"
  if LC_ALL=C cc -fsyntax-only "$target/seed-listing.c" 2> "$target/seed-listing.err"; then
    echo "check-site: the seed's listing compiled, but the docs say it does not" >&2; exit 1
  fi
  grep -q "'serv_addr' undeclared" "$target/seed-listing.err" \
    || { echo "check-site: the seed's listing failed for another reason:" >&2; cat "$target/seed-listing.err" >&2; exit 1; }
  cc -Wall -Wextra -Werror -fsyntax-only "$here/../docs/c/connect-client.c"
  echo "check-site: the seed's listing fails with 'serv_addr' undeclared; the corrected listing compiles with -Werror"
else
  echo "check-site: no C compiler: the listing checks are skipped (install gcc to run them)"
fi

# 2. The pages in a real headless browser.
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ]; then
  echo "check-site: no Chromium: the browser check is skipped. Install it to run it: apt-get install chromium"
  exit 0
fi
if ! command -v node >/dev/null; then
  echo "check-site: no Node.js: the browser check is skipped. Install it to run it: apt-get install nodejs npm"
  exit 0
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi
node "$here/check-site.mjs" "$site" "$chromium" "$target/site-index" "$seed"
