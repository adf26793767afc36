#!/usr/bin/env bash
# Adds a migration named $1 for every module context whose model changed, on every provider
# (SQLite, PostgreSQL, SQL Server): one migrations project per provider.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql SqlServer; do
  project=src/Migrations/SecureShare.Migrations.$provider
  dotnet build "$project" -v q -nologo >/dev/null
  for context in AccountsDbContext AuditDbContext CredentialsDbContext FoldersDbContext SharingDbContext; do
    args=(--no-build --project "$project" --startup-project "$project" --context "$context")
    if dotnet ef migrations has-pending-model-changes "${args[@]}" >/dev/null 2>&1; then
      echo "== $provider / $context: no changes"
      continue
    fi
    echo "== $provider / $context: adding $name"
    dotnet ef migrations add "$name" "${args[@]}" --output-dir "${context%DbContext}" >/dev/null
  done
done
