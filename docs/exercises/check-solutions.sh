#!/usr/bin/env bash
# Proves the exercises: every exercise's check must FAIL on a fresh checkout (blank answer files,
# the code untouched), for the right reason, and PASS with its solution (the solution's answer
# file, or its patch applied and then reverted). Also runs DocsVerdictsMatchRealRunsTest, which
# compares the verdicts the docs show with real runs. Prints a table; exits 1 on any mismatch, 2
# when it cannot start.
#
#   docs/exercises/check-solutions.sh
#
# Three Maven runs of the exercises profile (-Pexercises): without solutions, with the solution
# answer files, with exercise 4's patch. A check that does not behave gets one more try, alone (a
# busy machine, a crash that fired late, a server that did not start), and the table says so.
# Reports and logs stay in target/exercise-checks.
set -uo pipefail
cd "$(dirname "$0")/../.."

started=$(date +%s)
reports=chaos-tests/target/surefire-reports
work=target/exercise-checks
patch=docs/exercises/solutions/04-outbox-row-in-its-own-transaction.patch
patched_file=outbox-fix/src/main/java/dualwrite/outbox/OutboxBank.java
docs_check=DocsVerdictsMatchRealRunsTest

# number, check, and how it is solved: an answer file, or a patch
exercises=(
  "01 Exercise01LoseAnEventTest answers"
  "02 Exercise02ReorderTheWritesTest answers"
  "03 Exercise03CrashPointsTest answers"
  "04 Exercise04BreakTheOutboxTest patch"
  "05 Exercise05IdempotentConsumerTest answers"
  "06 Exercise06GapTrapTest answers"
  "07 Exercise07BatchSizeTest answers"
  "08 Exercise08AcksAndElectionsTest answers"
)

git diff --quiet HEAD -- "$patched_file" 2>/dev/null
case $? in
  0) ;;
  1) echo "error: $patched_file has local changes; exercise 4 needs it as committed" >&2; exit 2 ;;
  *) echo "error: git cannot compare $patched_file with HEAD (run this in a clone)" >&2; exit 2 ;;
esac
if ! git apply --check "$patch" 2>/dev/null; then
  echo "error: $patch does not apply to $patched_file" >&2
  exit 2
fi
rm -rf "$work" && mkdir -p "$work"

# The answer files as committed (blank), even if someone has filled in the working copies.
blank="$work/blank-answers"
mkdir -p "$blank"
for file in docs/exercises/answers/*.properties; do
  git show "HEAD:$file" >"$blank/$(basename "$file")" 2>/dev/null || cp "$file" "$blank/"
done

# run <folder> <tests> [maven args...]: one Maven run of the exercises profile; its reports are
# copied to target/exercise-checks/<folder>.
run() {
  local folder=$1 tests=$2
  shift 2
  rm -f "$reports"/TEST-dualwrite.chaos.exercises.*.xml "$reports"/TEST-dualwrite.chaos.docs.$docs_check.xml
  echo "== $folder: ./mvnw -pl chaos-tests -am verify -Pexercises -Dtest=$tests $*"
  ./mvnw -q -B -pl chaos-tests -am verify -Pexercises -Dtest="$tests" "$@" >"$work/$folder.log" 2>&1
  mkdir -p "$work/$folder"
  cp "$reports"/TEST-dualwrite.chaos.exercises.*.xml "$reports"/TEST-dualwrite.chaos.docs.$docs_check.xml \
    "$work/$folder/" 2>/dev/null
  return 0
}

revert() { git apply -R "$patch" 2>/dev/null || git checkout -- "$patched_file"; }

# run_patched <folder> <tests>: the same, with exercise 4's solution applied, and reverted after.
run_patched() {
  if ! git apply "$patch"; then
    echo "error: $patch does not apply to $patched_file" >&2
    return 0
  fi
  trap revert EXIT INT TERM
  run "$@"
  revert
  trap - EXIT INT TERM
}

# outcome <folder> <class>: pass, fail, or none (it did not run)
outcome() {
  local xml line tests failures errors
  xml=$(ls "$work/$1"/TEST-dualwrite.chaos.*."$2".xml 2>/dev/null | head -1)
  [ -n "$xml" ] || { echo none; return; }
  line=$(grep -m1 -o '<testsuite [^>]*>' "$xml")
  tests=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$line")
  failures=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$line")
  errors=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$line")
  if [ "${tests:-0}" -gt 0 ] && [ "$failures" -eq 0 ] && [ "$errors" -eq 0 ]; then
    echo pass
  else
    echo fail
  fi
}

# behaves <mode> <folder> <class>: without a solution a check must fail, and for the right reason
# (an unanswered question, an outbox that still holds), not because a server did not start; with
# its solution it must pass.
behaves() {
  if [ "$1" = unsolved ]; then
    [ "$(outcome "$2" "$3")" = fail ] \
      && grep -q -e 'not answered yet' -e 'still keeps its promise' "$work/$2"/TEST-*."$3".xml
  else
    [ "$(outcome "$2" "$3")" = pass ]
  fi
}

all=$(for e in "${exercises[@]}"; do set -- $e; printf '%s,' "$2"; done)$docs_check
with_answers=$(for e in "${exercises[@]}"; do set -- $e; [ "$3" = answers ] && printf '%s,' "$2"; done)

run unsolved "$all" -Dexercises.answers="$blank"
run solved "${with_answers%,}" -Dexercises.answers=docs/exercises/solutions
run_patched patched Exercise04BreakTheOutboxTest

for e in "${exercises[@]}"; do
  set -- $e
  behaves unsolved unsolved "$2" || run "unsolved-again-$2" "$2" -Dexercises.answers="$blank"
  if [ "$3" = answers ]; then
    behaves solved solved "$2" || run "solved-again-$2" "$2" -Dexercises.answers=docs/exercises/solutions
  else
    behaves patched patched "$2" || run_patched "patched-again-$2" "$2"
  fi
done
behaves docs unsolved "$docs_check" || run "docs-again-$docs_check" "$docs_check"

# cell <mode> <first folder> <class> <text>: the table's cell, from the second try if there was one
cell() {
  local again="$1-again-$3"
  if behaves "$1" "$2" "$3"; then
    echo "$4"
  elif [ -d "$work/$again" ] && behaves "$1" "$again" "$3"; then
    echo "$4 (second try)"
  elif [ -d "$work/$again" ]; then
    echo "MISMATCH: $(outcome "$again" "$3"), twice"
  else
    echo "MISMATCH: $(outcome "$2" "$3")"
  fi
}

status=0
echo
printf '%-4s %-36s %-28s %s\n' "" "check" "without its solution" "with its solution"
for e in "${exercises[@]}"; do
  set -- $e
  without=$(cell unsolved unsolved "$2" "fails, as it must")
  if [ "$3" = answers ]; then
    with=$(cell solved solved "$2" "passes")
  else
    with=$(cell patched patched "$2" "passes")
  fi
  case "$without$with" in *MISMATCH*) status=1 ;; esac
  printf '%-4s %-36s %-28s %s\n' "$1" "$2" "$without" "$with"
done
docs=$(cell docs unsolved "$docs_check" "passes")
case "$docs" in *MISMATCH*) status=1 ;; esac
printf '%-4s %-36s %-28s %s\n' "" "$docs_check" "" "$docs"

took=$(( $(date +%s) - started ))
echo
if [ "$status" -eq 0 ]; then
  echo "all exercises proven in ${took} s"
else
  echo "MISMATCH: see the logs and reports in $work (${took} s)"
fi
exit "$status"
