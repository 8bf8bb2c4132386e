#!/usr/bin/env bash
# The long proofs (npm run test:stress, also run by .ci/run): 20 kill -9 points per database.
set -euo pipefail
cd "$(dirname "$0")/.."
export CRASH_KILLS="${CRASH_KILLS:-20}"
echo "== crash safety on SQLite ($CRASH_KILLS kill points)"
TEST_DB=sqlite npx vitest run test/stress
echo "== crash safety on PostgreSQL ($CRASH_KILLS kill points)"
TEST_DB=postgres npx vitest run test/stress
