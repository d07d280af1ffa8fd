#!/usr/bin/env sh
# The production build, the one script CI and the Dockerfile run: TypeScript to dist/
# (tsconfig.build.json), then the files the code reads at run time next to it, at the same
# relative places as in the source tree (locales/ and kits/ beside handlers/, the migrations
# inside db/, the driver's patch in patches/, the tables beside the handlers that read them).
# Usage: scripts/build-production.sh [OUT_DIR]   (dist by default; tests build elsewhere;
# BUILD_TSCONFIG=tsconfig.bench.json adds bench/ for npm run bench)
set -eu
cd "$(dirname "$0")/.."
out="${1:-dist}"

rm -rf "$out"
npx tsc -p "${BUILD_TSCONFIG:-tsconfig.build.json}" --outDir "$out"
cp -R locales kits patches "$out/"
cp -R db/migrations "$out/db/"
find handlers -name '*.tsv' | while read -r file; do
  mkdir -p "$out/$(dirname "$file")"
  cp "$file" "$out/$file"
done
# The console's data (the label's thresholds, web/ville-conviviale.json).
cp web/*.json "$out/web/"
echo "built $out/ (start with: node $out/bot/main.js)"
