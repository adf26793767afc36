using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Folders
{
    /// <inheritdoc />
    public partial class DropRedundantTenantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_folders_folders_TenantId",
                table: "folders_folders");

            migrationBuilder.DropIndex(
                name: "IX_folders_folder_groups_TenantId",
                table: "folders_folder_groups");

            migrationBuilder.DropIndex(
                name: "IX_folders_credential_entry_tags_TenantId",
                table: "folders_credential_entry_tags");

            migrationBuilder.DropIndex(
                name: "IX_folders_credential_entry_audience_TenantId",
                table: "folders_credential_entry_audience");

            migrationBuilder.DropIndex(
                name: "IX_folders_credential_entries_TenantId",
                table: "folders_credential_entries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_folders_folders_TenantId",
                table: "folders_folders",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_folder_groups_TenantId",
                table: "folders_folder_groups",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entry_tags_TenantId",
                table: "folders_credential_entry_tags",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entry_audience_TenantId",
                table: "folders_credential_entry_audience",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entries_TenantId",
                table: "folders_credential_entries",
                column: "TenantId");
        }
    }
}
