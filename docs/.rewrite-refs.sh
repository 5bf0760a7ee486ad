#!/usr/bin/env bash
# One-off: points the references to the old out-of-tree documents (design.md, qbo-api.md) at docs/product.md and
# docs/quickbooks.md, using docs/.reference-map.tsv next to this script. Each map line is
# "text<TAB>replacement", both literal, applied in file order to whole files ("\n" stands for a line break).
# Both files are deleted once the rewrite is committed.
#
# Usage: bash docs/.rewrite-refs.sh [repository root]   (default: the parent of this script's folder)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "${1:-$here/..}" && pwd)
map="$here/.reference-map.tsv"
export LC_ALL=C

script=$(mktemp)
trap 'rm -f "$script"' EXIT

# Literal text → sed: escape what is special in a pattern or a replacement, keep "\n" as a line break.
escape_pattern() { printf '%s' "$1" | sed -e 's/\\n/\x01/g' -e 's/[]\/$*.^[]/\\&/g' -e 's/\x01/\\n/g'; }
escape_replacement() { printf '%s' "$1" | sed -e 's/\\n/\x01/g' -e 's/[\/&]/\\&/g' -e 's/\x01/\\n/g'; }

while IFS=$'\t' read -r from to; do
  [ -n "$from" ] || continue
  printf 's/%s/%s/g\n' "$(escape_pattern "$from")" "$(escape_replacement "$to")" >>"$script"
done <"$map"

# Text files that mention either document or a section sign, outside dependencies, build output and the
# two documents the references now point to.
mapfile -t files < <(
  grep -rlI --exclude-dir=node_modules --exclude-dir=.git --exclude-dir=dist --exclude-dir=.wrangler \
    --exclude-dir=test-results --exclude-dir=playwright-report \
    -e 'design\.md' -e 'qbo-api\.md' -e '§' -e '/work/shared/' "$root" |
    grep -v -e "^$root/docs/quickbooks\.md\$" -e "^$root/docs/product\.md\$" \
      -e "^$root/docs/\.reference-map\.tsv\$" -e "^$root/docs/\.rewrite-refs\.sh\$" || true
)

# -z: each file is one record, so a map line may span a line break.
for f in "${files[@]}"; do
  sed -z -i -f "$script" "$f"
done
echo "rewrote references in ${#files[@]} files under $root"
