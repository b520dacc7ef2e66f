#!/usr/bin/env bash
# The main job on the embedded default: build a library from the shared corpora, search it, write a brief,
# and check an AI-written draft against it. Everything stays in ./demo.db; run again and it is a no-op ingest.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="../shared"
[ -d "$shared/data/corpora" ] || { echo "demo: $shared/data/corpora not found (clone next to the shared folder)" >&2; exit 2; }
kora() { node bin/kora.js "$@"; }
db=demo.db

echo "== 1. ingest: UN General Debate speeches + a think-tank feed (seed 003)"
kora ingest "$shared/data/corpora" "$shared"/seeds/003_*.txt --db "$db"

echo; echo "== 2. search: \"Central Asia\""
kora search "Central Asia" --k 5 --db "$db"

echo; echo "== 3. brief: \"Russia China relations\" (also written to demo-brief.html)"
kora brief "Russia China relations" --db "$db"
kora brief "Russia China relations" --db "$db" --format html --out demo-brief.html

echo; echo "== 4. verify: the AI-written draft of seed 000, claim by claim (summary)"
kora verify "$shared"/seeds/000_*.txt --db "$db" --format json | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const r = JSON.parse(s);
    console.log(r.summary);
    for (const c of r.claims.slice(0, 5)) console.log(`  ${c.label.padEnd(12)} ${c.text.slice(0, 90)}`);
  });'
echo; echo "Done. Open demo-brief.html, or run: node bin/kora.js serve --db $db"
