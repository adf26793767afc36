#!/usr/bin/env bash
# Adds a migration named $1 for every module context on every provider
# (SQLite, PostgreSQL, SQL Server): one migrations project per provider.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Migrations/SecureShare.Migrations.Sqlite -v q -nologo >/dev/null; dotnet build src/Migrations/SecureShare.Migrations.PostgreSql -v q -nologo >/dev/null; dotnet build src/Migrations/SecureShare.Migrations.SqlServer -v q -nologo >/dev/null
for provider in Sqlite PostgreSql SqlServer; do
  project=src/Migrations/SecureShare.Migrations.$provider
  for context in AccountsDbContext AuditDbContext; do
    module=${context%DbContext}
    echo "== $provider / $context"
    dotnet ef migrations add "$name" --no-build --project "$project" --startup-project "$project" \
      --context "$context" --output-dir "$module" \
      || dotnet ef migrations add "$name" --project "$project" --startup-project "$project" \
      --context "$context" --output-dir "$module"
  done
done
