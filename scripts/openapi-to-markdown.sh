#!/usr/bin/env bash
# Turns a service's OpenAPI document (GET /openapi/v1.json) into a Markdown API reference on stdout.
#   openapi-to-markdown.sh docs/api/kv.openapi.json > docs/api/kv.md
set -euo pipefail
jq -r '
  def schema_name: if . == null then "" elif ."$ref" then (."$ref" | split("/") | last)
    elif .type == "array" then "array of " + (.items | schema_name) else (.type // "object" | tostring) end;
  "# \(.info.title) API (\(.info.version))\n",
  "Generated from the service'"'"'s own `/openapi/v1.json` by `scripts/make-report.sh`; the JSON document is next to this file.\n",
  (.paths | to_entries[] | .key as $path | .value | to_entries[] | select(.key | test("get|put|post|delete|patch")) |
    "## `\(.key | ascii_upcase) \($path)`\n",
    (if .value.summary then "\(.value.summary)\n" else empty end),
    (if .value.description then "\(.value.description)\n" else empty end),
    (if (.value.parameters // []) | length > 0 then
      "| Parameter | In | Required | Type |\n| --- | --- | --- | --- |",
      (.value.parameters[] | "| `\(.name)` | \(.in) | \(.required // false) | \(.schema | schema_name) |"), ""
     else empty end),
    (if .value.requestBody then
      "Request body: " + ([.value.requestBody.content | to_entries[] | "`\(.key)` \(.value.schema | schema_name)"] | join(", ")) + "\n"
     else empty end),
    "| Status | Meaning | Body |\n| --- | --- | --- |",
    (.value.responses | to_entries[] |
      "| \(.key) | \(.value.description // "") | \([(.value.content // {}) | to_entries[] | "`\(.key)` \(.value.schema | schema_name)"] | join(", ")) |"),
    ""),
  (if .components.schemas then
    "## Schemas\n",
    (.components.schemas | to_entries[] |
      "### \(.key)\n",
      (if .value.properties then
        "| Property | Type |\n| --- | --- |",
        (.value.properties | to_entries[] | "| `\(.key)` | \(.value | schema_name) |"), ""
       else "\(.value.type // "object")\n" end))
   else empty end)
' "$1"
