using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Folders
{
    /// <inheritdoc />
    public partial class DropRedundantTenantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_folders_TenantId",
                schema: "folders",
                table: "folders");

            migrationBuilder.DropIndex(
                name: "IX_folder_groups_TenantId",
                schema: "folders",
                table: "folder_groups");

            migrationBuilder.DropIndex(
                name: "IX_credential_entry_tags_TenantId",
                schema: "folders",
                table: "credential_entry_tags");

            migrationBuilder.DropIndex(
                name: "IX_credential_entry_audience_TenantId",
                schema: "folders",
                table: "credential_entry_audience");

            migrationBuilder.DropIndex(
                name: "IX_credential_entries_TenantId",
                schema: "folders",
                table: "credential_entries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_folders_TenantId",
                schema: "folders",
                table: "folders",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folder_groups_TenantId",
                schema: "folders",
                table: "folder_groups",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_entry_tags_TenantId",
                schema: "folders",
                table: "credential_entry_tags",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_entry_audience_TenantId",
                schema: "folders",
                table: "credential_entry_audience",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_entries_TenantId",
                schema: "folders",
                table: "credential_entries",
                column: "TenantId");
        }
    }
}
