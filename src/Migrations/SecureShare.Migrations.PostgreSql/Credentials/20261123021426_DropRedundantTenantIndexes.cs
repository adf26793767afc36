using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Credentials
{
    /// <inheritdoc />
    public partial class DropRedundantTenantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_credential_versions_TenantId",
                schema: "credentials",
                table: "credential_versions");

            migrationBuilder.DropIndex(
                name: "IX_credential_tags_TenantId",
                schema: "credentials",
                table: "credential_tags");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_credential_versions_TenantId",
                schema: "credentials",
                table: "credential_versions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_tags_TenantId",
                schema: "credentials",
                table: "credential_tags",
                column: "TenantId");
        }
    }
}
