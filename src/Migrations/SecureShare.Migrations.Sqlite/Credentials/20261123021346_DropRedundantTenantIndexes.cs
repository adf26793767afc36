using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Credentials
{
    /// <inheritdoc />
    public partial class DropRedundantTenantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_credentials_credential_versions_TenantId",
                table: "credentials_credential_versions");

            migrationBuilder.DropIndex(
                name: "IX_credentials_credential_tags_TenantId",
                table: "credentials_credential_tags");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_credentials_credential_versions_TenantId",
                table: "credentials_credential_versions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_credential_tags_TenantId",
                table: "credentials_credential_tags",
                column: "TenantId");
        }
    }
}
