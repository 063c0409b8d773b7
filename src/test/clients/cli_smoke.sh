#!/usr/bin/env bash
# The AWS CLI against a TriadDB node: the README's quick start, checked.
# Usage: cli_smoke.sh http://127.0.0.1:PORT
set -euo pipefail
E=(--endpoint-url "$1" --output json)
# The README's documented local pair (conf/local.credentials); the CLI signs every request with it.
export AWS_ACCESS_KEY_ID=triadlocal AWS_SECRET_ACCESS_KEY=triadlocalsecret AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws=${AWS_CLI:-aws}
if AWS_SECRET_ACCESS_KEY=not-the-local-secret $aws dynamodb list-tables "${E[@]}" 2>/tmp/cli_smoke_err; then
  echo "a request signed with a wrong secret was accepted" >&2; exit 1
fi
grep -q InvalidSignatureException /tmp/cli_smoke_err
T=cli_smoke
$aws dynamodb create-table "${E[@]}" --table-name $T \
  --attribute-definitions AttributeName=Artist,AttributeType=S AttributeName=Song,AttributeType=S \
  --key-schema AttributeName=Artist,KeyType=HASH AttributeName=Song,KeyType=RANGE --billing-mode PAY_PER_REQUEST >/dev/null
$aws dynamodb wait table-exists "${E[@]}" --table-name $T
$aws dynamodb put-item "${E[@]}" --table-name $T --item '{"Artist":{"S":"Nina Simone"},"Song":{"S":"Sinnerman"},"Year":{"N":"1965"}}'
got=$($aws dynamodb get-item "${E[@]}" --table-name $T --key '{"Artist":{"S":"Nina Simone"},"Song":{"S":"Sinnerman"}}')
grep -q '"1965"' <<<"$got"
$aws dynamodb batch-write-item "${E[@]}" --request-items \
  '{"'$T'":[{"PutRequest":{"Item":{"Artist":{"S":"Nina Simone"},"Song":{"S":"Feeling Good"}}}},{"PutRequest":{"Item":{"Artist":{"S":"Miles Davis"},"Song":{"S":"So What"}}}}]}' >/dev/null
q=$($aws dynamodb query "${E[@]}" --table-name $T --key-condition-expression "Artist = :a" --expression-attribute-values '{":a":{"S":"Nina Simone"}}')
grep -q '"Count": 2' <<<"$q"
s=$($aws dynamodb scan "${E[@]}" --table-name $T --select COUNT)
grep -q '"Count": 3' <<<"$s"
if $aws dynamodb get-item "${E[@]}" --table-name $T --key '{"Artist":{"N":"1"},"Song":{"S":"x"}}' 2>/tmp/cli_smoke_err; then
  echo "a mistyped key was accepted" >&2; exit 1
fi
grep -q ValidationException /tmp/cli_smoke_err
$aws dynamodb delete-table "${E[@]}" --table-name $T >/dev/null
$aws dynamodb wait table-not-exists "${E[@]}" --table-name $T
echo "AWS CLI smoke test passed"
