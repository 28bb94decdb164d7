#!/usr/bin/env bash
# Regenerates every file under examples/artifacts/ by running the example projects' real test suites.
# Run it by hand after changing examples/src/ (CI never runs it). The test runs FAIL on purpose:
# see README.md for the list of deliberate failures. It installs nothing outside examples/src/ts/node_modules.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

missing=0
if ! command -v go >/dev/null 2>&1; then
  echo "error: 'go' not found. Install Go (https://go.dev/dl/, or 'apt-get install golang-go' on Debian/Ubuntu, 'brew install go' on macOS)." >&2
  missing=1
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "error: 'node'/'npm' not found. Install Node.js 20 or later (https://nodejs.org/, or your package manager)." >&2
  missing=1
fi
[ "$missing" -eq 0 ] || exit 2

# Only the standard library is used, so no module download is needed; skip the env-gated test deterministically.
unset POSTGRES_URL
export GOFLAGS=

rm -rf artifacts/go artifacts/ts
mkdir -p artifacts/go artifacts/ts

# --- Go: go test -json + coverprofile; stderr (compiler errors of the package that does not build) goes to build.log
echo "== go test ($(go version))"
go_rc=0
(
  cd src/go
  go test -count=1 -json -coverprofile=../../artifacts/go/coverage.out ./... \
    > ../../artifacts/go/go-test.json 2> ../../artifacts/go/build.log
) || go_rc=$?
# 1 = tests failed; 2 = a package did not build (older Go). Anything else, or no JSON at all, is a real problem.
if [ "$go_rc" -ne 1 ] && [ "$go_rc" -ne 2 ]; then
  echo "error: go test exited with $go_rc; expected 1 or 2 (deliberate test and build failures)" >&2
  exit 1
fi
if [ ! -s artifacts/go/go-test.json ]; then
  echo "error: go test wrote no JSON; see artifacts/go/build.log" >&2
  exit 1
fi
echo "go test exited with $go_rc as expected"
# Echo go test's own summary lines (package results and coverage) from the JSON stream.
node -e '
  for (const line of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) {
    if (!line) continue;
    if (!line.startsWith("{")) { console.log(line); continue; } // older Go prints "[build failed]" lines as plain text
    const e = JSON.parse(line);
    if (e.Action === "output" && !e.Test && /^(ok|FAIL|coverage:|\?)\s/.test(e.Output)) process.stdout.write(e.Output);
  }' artifacts/go/go-test.json
if [ -s artifacts/go/build.log ]; then
  echo "-- build.log:"
  cat artifacts/go/build.log
fi
if [ -s artifacts/go/coverage.out ]; then
  (cd src/go && go tool cover -func=../../artifacts/go/coverage.out | tail -n 1)
fi

# --- JS: jest with jest-junit and lcov coverage
echo
echo "== jest"
(cd src/ts && npm ci --no-audit --no-fund --loglevel=error)
rm -rf src/ts/coverage
jest_rc=0
(
  cd src/ts
  JEST_JUNIT_OUTPUT_DIR=../../artifacts/ts \
  JEST_JUNIT_OUTPUT_NAME=junit.xml \
  JEST_JUNIT_ADD_FILE_ATTRIBUTE=true \
    npx --no-install jest --ci --rootDir . --coverage \
      --coverageReporters=lcov --coverageReporters=text-summary \
      --reporters=default --reporters=jest-junit
) || jest_rc=$?
if [ "$jest_rc" -ne 1 ]; then
  echo "error: jest exited with $jest_rc; expected 1 (deliberate test failures)" >&2
  exit 1
fi
echo "jest exited with 1 as expected"
cp src/ts/coverage/lcov.info artifacts/ts/lcov.info
rm -rf src/ts/coverage

echo
echo "Artifacts written:"
find artifacts -type f | sort
