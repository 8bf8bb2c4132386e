#!/usr/bin/env bash
# The long proofs (npm run test:stress, also run by .ci/run): 20 kill -9 points per database,
# 3 backups taken under load and restored per database, 3 kill -9 rounds among three servers.
set -euo pipefail
cd "$(dirname "$0")/.."
export CRASH_KILLS="${CRASH_KILLS:-20}"
export BACKUP_DRILLS="${BACKUP_DRILLS:-3}"
export MULTI_KILLS="${MULTI_KILLS:-3}"
echo "== crash safety, backup drill on SQLite ($CRASH_KILLS kill points, $BACKUP_DRILLS backups)"
TEST_DB=sqlite npx vitest run test/stress
echo "== crash safety, backup drill, three servers on PostgreSQL ($CRASH_KILLS kill points, $BACKUP_DRILLS backups, $MULTI_KILLS server kills)"
TEST_DB=postgres npx vitest run test/stress
