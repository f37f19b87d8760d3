#!/usr/bin/env bash
# Issued documents' rendering now (HTML + CSS templates → PDF/A-2b, RenderingBenchmark) against the hand-rolled
# renderer they replaced (commit 231c328, HandRolledBaseline), on this machine, alternating twice, then the
# ratio of the medians per document (now ÷ hand-rolled: below 1 is faster). Usage: rendering-vs-hand-rolled.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-60}
mvn -q -o -B test-compile
mvn -q -o -B dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >/dev/null
deps=$(cat target/test-classpath.txt)
base=target/hand-rolled
rm -rf "$base" && mkdir -p "$base/src" "$base/classes"
git archive 231c328 src/main/java/vn/motcua/record/pdf src/main/resources/fonts templates | tar -x -C "$base/src"
javac -nowarn -encoding UTF-8 -d "$base/classes" -cp "$deps" "$base"/src/src/main/java/vn/motcua/record/pdf/*.java \
    tools/bench/HandRolledBaseline.java 2>/dev/null
cp -r "$base/src/src/main/resources/fonts" "$base/classes/"
: > "$base/then.txt"; : > "$base/now.txt"
for run in 1 2; do
    (cd "$base/src" && java -cp "../classes:$deps" vn.motcua.bench.HandRolledBaseline "$rounds" 2>/dev/null) \
        | tee -a "$base/then.txt"
    java -cp "target/classes:target/test-classes:$deps" vn.motcua.bench.RenderingBenchmark "$rounds" 2>/dev/null \
        | grep -v '^\[' | tee -a "$base/now.txt"
done
echo "now ÷ hand-rolled, median time per document (the better of the two runs of each):"
awk 'FNR==NR && /bytes$/ { if (!($1 in t) || $3 < t[$1]) t[$1] = $3; next }
     /bytes$/ { if (!($1 in n) || $3 < n[$1]) n[$1] = $3 }
     END { for (d in n) if (d in t) { printf "  %-30s %6.1f ms ÷ %6.1f ms = %.2f\n", d, n[d], t[d], n[d] / t[d]; s += n[d] / t[d]; k++ }
           if (k) printf "  %-30s %.2f\n", "geometric-ish mean of ratios:", s / k }' "$base/then.txt" "$base/now.txt"
