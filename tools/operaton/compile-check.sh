#!/usr/bin/env bash
# Does motcua compile against Operaton (Camunda 7 CE's fork, org.operaton.*) instead of Camunda 7?
#
# Run from the repository root:   bash tools/operaton/compile-check.sh [--tests] [--models]   (--all: both)
#
# 1. the project's own classpath from Maven (dependency:build-classpath; offline first, online if needed),
# 2. every org.camunda.* jar on it swapped for its Operaton counterpart, fetched one by one without
#    transitive dependencies (dependency:get -Dtransitive=false) when it is not in the local repository yet,
# 3. src/main/java (and with --tests src/test/java) copied and rewritten: packages, Camunda*-named types
#    and methods, the few string literals that name Camunda packages,
# 4. javac (Java 17) on the rewritten copy;
# 5. with --models: ModelProbe.java (the product's camunda:-namespaced BPMN models and "Camunda Platform" forms
#    read by Operaton's model API and deployed to an in-memory Operaton engine on H2) and ConfigProbe.java (every
#    camunda.bpm.* key of src/main/resources/application*.yaml exists as operaton.bpm.*), both run on the swapped
#    test classpath.
# Writes only under target/operaton/. Prints one PASS/FAIL line per source set, and on failure the
# compiler's first errors. Exit code: 0 when everything checked passed, 1 otherwise, 2 when the setup itself
# failed (no Maven classpath, an org.camunda jar with no known counterpart). An Operaton jar that cannot be had
# is listed ("not available") and shows up as compiler errors.
#
# Environment:
#   OPERATON_VERSION           the version to check (default 1.0.0)
#   OPERATON_FALLBACK_VERSION  used per artifact when OPERATON_VERSION is not published for it (default 1.0.3;
#                              empty: no fallback). Maven Central, as reached from these machines, answers 404 for
#                              1.0.0's Spring Boot starters, engine-spring, engine-rest-core and webapp modules.
#   MAVEN_REPO                 local repository (default ~/.m2/repository)
#   OPERATON_ASSERT_JAR        a locally built operaton-bpm-assert jar for --tests (Maven Central here has none);
#                              build it from Operaton's tag (test-utils/assert/core), see README.md
#   OPERATON_REFETCH=1         ask Maven Central again for jars it already said it does not have (mvn -U)
#   ERRORS                     how many compiler error lines to print on failure (default 60)
set -euo pipefail

OPERATON_VERSION=${OPERATON_VERSION:-1.0.0}
OPERATON_FALLBACK_VERSION=${OPERATON_FALLBACK_VERSION-1.0.3}
[[ "$OPERATON_FALLBACK_VERSION" == "$OPERATON_VERSION" ]] && OPERATON_FALLBACK_VERSION=
MAVEN_REPO=${MAVEN_REPO:-$HOME/.m2/repository}
ERRORS=${ERRORS:-60}
WITH_TESTS=false
WITH_MODELS=false
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for arg in "$@"; do
  case "$arg" in
    --tests) WITH_TESTS=true ;;
    --models) WITH_MODELS=true ;;
    --all) WITH_TESTS=true; WITH_MODELS=true ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

if [[ ! -f pom.xml || ! -d src/main/java ]] || ! grep -q '<artifactId>motcua</artifactId>' pom.xml; then
  echo "run from the motcua repository root" >&2; exit 2
fi

START=$(date +%s)
OUT=target/operaton
rm -rf "$OUT"
mkdir -p "$OUT"
LOG="$OUT/check.log"
: >"$LOG"
say() { echo "$*" | tee -a "$LOG"; }

# ---------------------------------------------------------------- 1. the Camunda classpaths (main, test)
classpath() { # scope outfile
  local scope=$1 file=$2
  local args=(-q dependency:build-classpath "-Dmdep.outputFile=$PWD/$file" "-DincludeScope=$scope"
              "-Dmaven.repo.local=$MAVEN_REPO")
  mvn -o "${args[@]}" >>"$LOG" 2>&1 || mvn "${args[@]}" >>"$LOG" 2>&1 || {
    echo "FAIL setup: mvn dependency:build-classpath ($scope) failed; see $LOG" >&2; exit 2; }
}
classpath compile "$OUT/camunda-classpath-main.txt"
NEED_TEST_CP=false; { $WITH_TESTS || $WITH_MODELS; } && NEED_TEST_CP=true
$NEED_TEST_CP && classpath test "$OUT/camunda-classpath-test.txt"

# ---------------------------------------------------------------- 2. the swap table
# camunda groupId:artifactId[:classifier]  ->  operaton groupId:artifactId[:classifier] (several: comma-separated;
# "-" drops the jar). Anything org.camunda.* not listed here and not in KEEP stops the check.
MAP=$(cat <<'EOF'
org.camunda.bpm:camunda-engine                                      org.operaton.bpm:operaton-engine
org.camunda.bpm:camunda-engine-spring-6                             org.operaton.bpm:operaton-engine-spring
org.camunda.bpm:camunda-engine-spring                               org.operaton.bpm:operaton-engine-spring
org.camunda.bpm:camunda-engine-rest-core-jakarta                    org.operaton.bpm:operaton-engine-rest-core
org.camunda.bpm:camunda-engine-rest-core                            org.operaton.bpm:operaton-engine-rest-core
org.camunda.bpm.springboot:camunda-bpm-spring-boot-starter          org.operaton.bpm.springboot:operaton-bpm-spring-boot-starter
org.camunda.bpm.springboot:camunda-bpm-spring-boot-starter-rest     org.operaton.bpm.springboot:operaton-bpm-spring-boot-starter-rest
org.camunda.bpm.springboot:camunda-bpm-spring-boot-starter-webapp   org.operaton.bpm.springboot:operaton-bpm-spring-boot-starter-webapp
org.camunda.bpm.springboot:camunda-bpm-spring-boot-starter-webapp-core org.operaton.bpm.springboot:operaton-bpm-spring-boot-starter-webapp-core
org.camunda.bpm.webapp:camunda-webapp-jakarta:classes               org.operaton.bpm.webapp:operaton-webapp:classes
org.camunda.bpm.webapp:camunda-webapp:classes                       org.operaton.bpm.webapp:operaton-webapp:classes
org.camunda.bpm.webapp:camunda-webapp-webjar                        org.operaton.bpm.webapp:operaton-webapp-webjar
org.camunda.bpm.model:camunda-xml-model                             org.operaton.bpm.model:operaton-xml-model
org.camunda.bpm.model:camunda-bpmn-model                            org.operaton.bpm.model:operaton-bpmn-model
org.camunda.bpm.model:camunda-cmmn-model                            org.operaton.bpm.model:operaton-cmmn-model
org.camunda.bpm.model:camunda-dmn-model                             org.operaton.bpm.model:operaton-dmn-model
org.camunda.bpm.juel:camunda-juel                                   org.operaton.bpm.juel:operaton-juel
org.camunda.bpm.dmn:camunda-engine-dmn                              org.operaton.bpm.dmn:operaton-engine-dmn
org.camunda.bpm.dmn:camunda-engine-feel-api                         org.operaton.bpm.dmn:operaton-engine-feel-api
org.camunda.bpm.dmn:camunda-engine-feel-juel                        org.operaton.bpm.dmn:operaton-engine-feel-juel
org.camunda.bpm.dmn:camunda-engine-feel-scala                       org.operaton.bpm.dmn:operaton-engine-feel-scala
org.camunda.commons:camunda-commons-logging                         org.operaton.commons:operaton-commons-logging
org.camunda.commons:camunda-commons-utils                           org.operaton.commons:operaton-commons-utils
org.camunda.commons:camunda-commons-typed-values                    org.operaton.commons:operaton-commons-typed-values
org.camunda.bpm:camunda-bpm-junit5                                  org.operaton.bpm:operaton-engine:junit5
org.camunda.bpm.dmn:camunda-dmn-junit5                              -
org.camunda.bpm:camunda-bpm-assert                                  org.operaton.bpm:operaton-bpm-assert
EOF
)
# Stays as it is: Operaton 1.0 uses the same FEEL engine (org.camunda.feel:feel-engine 1.19.3, scala-shaded).
KEEP='^org\.camunda\.feel:'

local_jar() { # g a v classifier -> path
  local g=$1 a=$2 v=$3 c=$4
  echo "$MAVEN_REPO/${g//.//}/$a/$v/$a-$v${c:+-$c}.jar"
}
fetch() { # g a v classifier ; 0 when the jar is (now) in the local repository
  local g=$1 a=$2 v=$3 c=$4 jar
  jar=$(local_jar "$g" "$a" "$v" "$c")
  [[ -f "$jar" ]] && return 0
  # Maven remembers a miss in <jar>.lastUpdated and does not ask again before its update interval: skip the
  # (slow) call then, unless OPERATON_REFETCH=1 (mvn -U).
  if [[ -f "$jar.lastUpdated" && "${OPERATON_REFETCH:-0}" != 1 ]]; then
    echo "cached miss: $g:$a:$v${c:+:$c}" >>"$LOG"; return 1
  fi
  local update=(); [[ "${OPERATON_REFETCH:-0}" == 1 ]] && update=(-U)
  (cd "$FETCH_DIR" && mvn -q "${update[@]}" dependency:get "-Dartifact=$g:$a:$v:jar${c:+:$c}" \
     -Dtransitive=false "-Dmaven.repo.local=$MAVEN_REPO") >>"$LOG" 2>&1 || true
  [[ -f "$jar" ]]
}

FETCH_DIR="$PWD/$OUT/fetch"   # an empty directory: dependency:get runs without the project's pom
mkdir -p "$FETCH_DIR"
SWAPS="$OUT/swaps.txt"
MISSING="$OUT/missing.txt"
: >"$SWAPS"; : >"$MISSING"
declare -A RESOLVED=()   # operaton coordinate -> jar path (or "" when missing)

swap_classpath() { # in out
  local in=$1 out=$2 entry rel g a v file c key target tg ta tc jar ver cp=()
  IFS=":" read -r -a entries <"$in" || true   # the file has no final newline
  for entry in "${entries[@]}"; do
    [[ -z "$entry" ]] && continue
    rel=${entry#"$MAVEN_REPO"/}
    if [[ "$rel" != org/camunda/* ]]; then cp+=("$entry"); continue; fi
    # org/camunda/.../<artifact>/<version>/<artifact>-<version>[-<classifier>].jar
    file=${rel##*/}; rel=${rel%/*}; v=${rel##*/}; rel=${rel%/*}; a=${rel##*/}; g=${rel%/*}; g=${g//\//.}
    c=${file#"$a-$v"}; c=${c%.jar}; c=${c#-}
    key="$g:$a${c:+:$c}"
    if [[ "$key" =~ $KEEP ]]; then cp+=("$entry"); continue; fi
    target=$(awk -v k="$key" '$1==k {print $2}' <<<"$MAP")
    if [[ -z "$target" ]]; then
      echo "FAIL setup: no Operaton counterpart known for $key (add it to MAP in $0)" | tee -a "$LOG" >&2; exit 2
    fi
    if [[ "$target" == "-" ]]; then
      grep -qxF "$key -> (dropped)" "$SWAPS" || echo "$key -> (dropped)" >>"$SWAPS"
      continue
    fi
    IFS=',' read -r -a targets <<<"$target"
    for t in "${targets[@]}"; do
      IFS=':' read -r tg ta tc <<<"$t"
      if [[ -z "${RESOLVED[$t]+x}" ]]; then
        jar=""
        for ver in "$OPERATON_VERSION" ${OPERATON_FALLBACK_VERSION:+"$OPERATON_FALLBACK_VERSION"}; do
          if fetch "$tg" "$ta" "$ver" "$tc"; then jar=$(local_jar "$tg" "$ta" "$ver" "$tc"); break; fi
        done
        # operaton-bpm-assert is not served by the Maven Central reachable here: a jar built elsewhere can stand in.
        if [[ -z "$jar" && "$ta" == operaton-bpm-assert && -n "${OPERATON_ASSERT_JAR:-}" ]]; then
          [[ -f "$OPERATON_ASSERT_JAR" ]] || { echo "FAIL setup: OPERATON_ASSERT_JAR=$OPERATON_ASSERT_JAR does not exist" >&2; exit 2; }
          jar=$(cd "$(dirname "$OPERATON_ASSERT_JAR")" && pwd)/$(basename "$OPERATON_ASSERT_JAR")
        fi
        RESOLVED[$t]=$jar
        if [[ -n "$jar" && "$jar" == "$MAVEN_REPO"/* ]]; then
          ver=${jar%/*}; ver=${ver##*/}
          echo "$key:$v -> $t:$ver" >>"$SWAPS"
        elif [[ -n "$jar" ]]; then
          echo "$key:$v -> $t: $jar (OPERATON_ASSERT_JAR)" >>"$SWAPS"
        else
          echo "$t:$OPERATON_VERSION${OPERATON_FALLBACK_VERSION:+ (nor $OPERATON_FALLBACK_VERSION)} (for $key)" >>"$MISSING"
          echo "$key:$v -> $t: NOT AVAILABLE" >>"$SWAPS"
        fi
      fi
      [[ -n "${RESOLVED[$t]}" ]] && cp+=("${RESOLVED[$t]}")
    done
  done
  local IFS=':'
  # de-duplicate, keep order
  printf '%s\n' "${cp[@]}" | awk '!seen[$0]++' | paste -sd: >"$out"
}

swap_classpath "$OUT/camunda-classpath-main.txt" "$OUT/operaton-classpath-main.txt"
$NEED_TEST_CP && swap_classpath "$OUT/camunda-classpath-test.txt" "$OUT/operaton-classpath-test.txt"

say "Operaton $OPERATON_VERSION${OPERATON_FALLBACK_VERSION:+ (fallback $OPERATON_FALLBACK_VERSION)}; swaps:"
sed 's/^/  /' "$SWAPS" | tee -a "$LOG"
if [[ -s "$MISSING" ]]; then
  say "not available (not in $MAVEN_REPO, and not fetchable):"
  sed 's/^/  /' "$MISSING" | tee -a "$LOG"
fi

# ---------------------------------------------------------------- 3. the source rewrite
# Types and members that the product itself names Camunda* are left alone (e.g. CamundaIdentityAuthenticationProvider).
OWN=$(find src/main/java src/test/java -name 'Camunda*.java' -exec basename {} .java \; 2>/dev/null | sort -u | paste -sd'|' -)
export OWN
rewrite() { # srcdir outdir
  local from=$1 to=$2
  mkdir -p "$to"
  cp -R "$from/." "$to/"
  find "$to" -name '*.java' -print0 | xargs -0 perl -pi -e '
    BEGIN { %own = map { $_ => 1 } split /\|/, ($ENV{OWN} // ""); }
    # packages (imports, fully qualified names, static imports)
    s/\borg\.camunda\.(bpm|spin|commons|connect)\b/org.operaton.$1/g;
    # string literals that test for a Camunda package prefix
    s/"org\.camunda\."/"org.operaton."/g;
    # Spring properties set in code (@SpringBootTest(properties = "camunda.bpm.…"))
    s/"camunda\.bpm\./"operaton.bpm./g;
    # the model'"'"'s extension package: ...instance.camunda.CamundaX -> ...instance.operaton.OperatonX
    s/\.instance\.camunda\./.instance.operaton./g;
    # Camunda-named types and members: CamundaFormRef, getCamundaFormRef(), camundaAsyncBefore(), CAMUNDA_ADMIN
    # (not the product'"'"'s own Camunda* types)
    s/\b(get|set|is|has)?Camunda([A-Z]\w*)/ ($1 \/\/ "") . ($own{"Camunda$2"} ? "Camunda" : "Operaton") . $2 /ge;
    s/\bcamunda([A-Z]\w*)/operaton$1/g;
    s/\bGroups\.CAMUNDA_ADMIN\b/Groups.OPERATON_ADMIN/g;
  '
}
rewrite src/main/java "$OUT/src/main/java"
$WITH_TESTS && rewrite src/test/java "$OUT/src/test/java"

# ---------------------------------------------------------------- 4. javac
STATUS=0
compile() { # name srcdir classpath classes
  local name=$1 src=$2 cp=$3 classes=$4 n errs
  mkdir -p "$classes"
  find "$src" -name '*.java' >"$OUT/$name-sources.txt"
  n=$(wc -l <"$OUT/$name-sources.txt")
  if javac --release 17 -encoding UTF-8 -parameters -proc:none -nowarn -Xmaxerrs 1000 \
       -d "$classes" -cp "$cp" "@$OUT/$name-sources.txt" >"$OUT/javac-$name.log" 2>&1; then
    say "PASS $name: $n source files compile against Operaton $OPERATON_VERSION"
  else
    errs=$(grep -c ': error:' "$OUT/javac-$name.log" || true)
    say "FAIL $name: $errs compiler errors in $n source files against Operaton $OPERATON_VERSION (all: $OUT/javac-$name.log)"
    { grep -A2 ': error:' "$OUT/javac-$name.log" || true; } | head -n "$ERRORS" | tee -a "$LOG" || true
    STATUS=1
  fi
}
compile main "$OUT/src/main/java" "$(cat "$OUT/operaton-classpath-main.txt")" "$OUT/classes"
if $WITH_TESTS; then
  compile test "$OUT/src/test/java" "$OUT/classes:$(cat "$OUT/operaton-classpath-test.txt")" "$OUT/test-classes"
fi
if $WITH_MODELS; then
  mkdir -p "$OUT/probe-classes"
  PROBE_CP="$(cat "$OUT/operaton-classpath-test.txt")"
  if javac --release 17 -encoding UTF-8 -proc:none -nowarn -d "$OUT/probe-classes" -cp "$PROBE_CP" \
       "$HERE/ModelProbe.java" "$HERE/ConfigProbe.java" >"$OUT/javac-probe.log" 2>&1; then
    for probe in ModelProbe ConfigProbe; do
      if java -cp "$OUT/probe-classes:$PROBE_CP" "$probe" "$PWD" >"$OUT/$probe.log" 2>&1; then :; else STATUS=1; fi
      # the engine logs a lot: keep the probe's own lines
      { grep -E '^(ok  |FAIL|PASS)' "$OUT/$probe.log" || echo "FAIL $probe printed no verdict; see $OUT/$probe.log"; } \
        | tee -a "$LOG" | grep -E '^(FAIL|PASS)' || true
    done
  else
    say "FAIL probes: ModelProbe/ConfigProbe do not compile; see $OUT/javac-probe.log"; STATUS=1
  fi
fi
say "took $(( $(date +%s) - START )) s"
exit $STATUS
