#!/usr/bin/env bash
# Installs what the tests need on this machine, then runs every test. `npm test` runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: real clients the tests drive (the vendor guide's PHP example) and the browser for
# end-to-end tests. Installed only when missing; apt needs root, which CI and dev machines have.
missing=()
command -v php >/dev/null || missing+=(php-cli)
{ command -v php >/dev/null && php -r 'exit(extension_loaded("curl") ? 0 : 1);'; } || missing+=(php-curl)
# The WHMCS module's own tests: PHPUnit, and Smarty for its client-area template.
command -v phpunit >/dev/null || missing+=(phpunit)
[ -e /usr/share/php/smarty4/Smarty.class.php ] || missing+=(smarty4)
# Real S3 clients the simulator is tried with.
command -v s3cmd >/dev/null || missing+=(s3cmd)
command -v rclone >/dev/null || missing+=(rclone)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test: installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The PostgreSQL server the database tests use (127.0.0.1:5432, trust auth).
if command -v pg_ctlcluster >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "test: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
fi

echo "test: type check and lint"
npx tsc --noEmit -p .
npx eslint --max-warnings 0 .

echo "test: unit and integration tests (simulator, gateway client, routes, both databases)"
npx vitest run

echo "test: build the console (with canary secrets) and run the browser tests in Chromium"
npx tsx e2e/build.ts > test-results-build.log 2>&1 || { cat test-results-build.log; exit 1; }
rm -f test-results-build.log
npx playwright test
