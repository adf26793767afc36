using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Credentials
{
    /// <inheritdoc />
    public partial class CredentialSecretChangedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "SecretChangedAt",
                table: "credentials_credentials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "SecretChangedByUserId",
                table: "credentials_credentials",
                type: "TEXT",
                nullable: true);

            // Backfill (decision 0034): the secret was last set by the newest version's replacement, else at creation, by
            // whoever did it (the newest version's author, else the creator). Credentials are not append-only.
            migrationBuilder.Sql("""
                UPDATE "credentials_credentials" SET
                  "SecretChangedAt" = COALESCE((SELECT MAX(v."ReplacedAt") FROM "credentials_credential_versions" v WHERE v."CredentialId" = "credentials_credentials"."Id"), "credentials_credentials"."CreatedAt"),
                  "SecretChangedByUserId" = COALESCE((SELECT v."ChangedByUserId" FROM "credentials_credential_versions" v WHERE v."CredentialId" = "credentials_credentials"."Id"
                    AND v."Version" = (SELECT MAX(w."Version") FROM "credentials_credential_versions" w WHERE w."CredentialId" = "credentials_credentials"."Id")), "credentials_credentials"."CreatedByUserId")
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SecretChangedAt",
                table: "credentials_credentials");

            migrationBuilder.DropColumn(
                name: "SecretChangedByUserId",
                table: "credentials_credentials");
        }
    }
}
