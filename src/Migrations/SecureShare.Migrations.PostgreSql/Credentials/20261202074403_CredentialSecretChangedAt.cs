using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Credentials
{
    /// <inheritdoc />
    public partial class CredentialSecretChangedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SecretChangedAt",
                schema: "credentials",
                table: "credentials",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<Guid>(
                name: "SecretChangedByUserId",
                schema: "credentials",
                table: "credentials",
                type: "uuid",
                nullable: true);

            // Backfill (decision 0034): the secret was last set by the newest version's replacement, else at creation, by
            // whoever did it (the newest version's author, else the creator). Credentials are not append-only.
            migrationBuilder.Sql("""
                UPDATE credentials.credentials SET
                  "SecretChangedAt" = COALESCE((SELECT MAX(v."ReplacedAt") FROM credentials.credential_versions v WHERE v."CredentialId" = credentials.credentials."Id"), credentials.credentials."CreatedAt"),
                  "SecretChangedByUserId" = COALESCE((SELECT v."ChangedByUserId" FROM credentials.credential_versions v WHERE v."CredentialId" = credentials.credentials."Id"
                    AND v."Version" = (SELECT MAX(w."Version") FROM credentials.credential_versions w WHERE w."CredentialId" = credentials.credentials."Id")), credentials.credentials."CreatedByUserId")
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SecretChangedAt",
                schema: "credentials",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "SecretChangedByUserId",
                schema: "credentials",
                table: "credentials");
        }
    }
}
