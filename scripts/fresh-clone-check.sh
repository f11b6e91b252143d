#!/usr/bin/env bash
# The install a new user gets (issue 13): this repository's committed HEAD cloned into an empty
# temporary folder — no ../shared beside it — then `npm ci` and `npm start`; the site must serve the
# whole record: a 2025 Council vote from the UN's files, the vetoed S/2024/312, and USA–Russia
# agreement by year from 1946 to 2026. Run by hand (npm ci takes minutes): bash scripts/fresh-clone-check.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill -- "-$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q --branch "$(git -C "$repo" rev-parse --abbrev-ref HEAD)" "$repo" "$work/plenary"
cd "$work/plenary"
if [ -e ../shared ]; then
  echo "fresh-clone-check: $work/shared exists; the check needs nothing beside the clone" >&2
  exit 2
fi
echo "== $(git log --oneline -1)"
echo "== npm ci"
time npm ci --no-audit --no-fund >npm-ci.log 2>&1 || { tail -30 npm-ci.log; exit 1; }

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
echo "== npm start (PORT=$port)"
started=$(date +%s)
PORT="$port" setsid npm start >start.out 2>start.err &
server=$!
until grep -q "serving" start.out 2>/dev/null; do
  if ! kill -0 "$server" 2>/dev/null; then cat start.out start.err; exit 1; fi
  if [ $(($(date +%s) - started)) -gt 300 ]; then echo "not serving after 300 s" >&2; cat start.err; exit 1; fi
  sleep 0.5
done
echo "   serving after $(($(date +%s) - started)) s"
sed 's/^/   stderr: /' start.err
base="http://127.0.0.1:$port"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
page="$(curl -sf "$base/votes/S%2FRES%2F2803")" || fail "GET /votes/S%2FRES%2F2803"
grep -q "Resolution 2803 (2025)" <<<"$page" || fail "the page of S/RES/2803 (2025) lacks its title"
grep -q "United Nations (DGACM)" <<<"$page" || fail "the footer does not credit the UN (DGACM)"
curl -sf "$base/api/votes/S%2FRES%2F2803" | node -e '
  const v = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const abstain = v.votes.filter((x) => x.vote === "A").map((x) => x.member).sort().join(",");
  if (v.date.slice(0, 4) !== "2025" || v.tally.yes !== 13 || abstain !== "CHN,RUS") process.exit(1);
  console.log(`   S/RES/2803 (${v.date}): ${v.tally.yes}-${v.tally.no}-${v.tally.abstain}, abstaining ${abstain}`);
' || fail "S/RES/2803 is not 13-0-2 with China and Russia abstaining"
curl -sf "$base/api/votes/S%2F2024%2F312" | node -e '
  const v = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const no = v.votes.filter((x) => x.vote === "N").map((x) => x.member).join(",");
  if (v.outcome !== "vetoed" || no !== "USA") process.exit(1);
  console.log(`   S/2024/312 (${v.date}): ${v.outcome}, against: ${no}`);
' || fail "S/2024/312 is not vetoed by the United States"
curl -sf "$base/api/compare/USA/RUS" | node -e '
  const c = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const years = c.years.filter((y) => y.both > 0).map((y) => y.year);
  const want = [1946, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
  const missing = want.filter((y) => !years.includes(y));
  if (missing.length) { console.error(`missing years: ${missing}`); process.exit(1); }
  console.log(`   /api/compare/USA/RUS: ${years.length} years, ${years[0]}–${years.at(-1)}; ` +
    c.years.filter((y) => y.year >= 2020).map((y) => `${y.year}: ${y.both} votes, ${Math.round(y.agreement * 100)}%`).join("; "));
' || fail "/api/compare/USA/RUS does not reach 2020–2026"
curl -sf "$base/about/data" | grep -q "Sources" || fail "GET /about/data"
echo "OK: a fresh clone's npm start serves the whole record"
