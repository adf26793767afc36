using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Folders
{
    /// <inheritdoc />
    public partial class ListSortByUpdated : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entries_TenantId_UpdatedAt_SortKey",
                table: "folders_credential_entries",
                columns: new[] { "TenantId", "UpdatedAt", "SortKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_folders_credential_entries_TenantId_UpdatedAt_SortKey",
                table: "folders_credential_entries");
        }
    }
}
