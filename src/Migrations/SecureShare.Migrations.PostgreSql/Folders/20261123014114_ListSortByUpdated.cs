using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Folders
{
    /// <inheritdoc />
    public partial class ListSortByUpdated : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_credential_entries_TenantId_UpdatedAt_SortKey",
                schema: "folders",
                table: "credential_entries",
                columns: new[] { "TenantId", "UpdatedAt", "SortKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_credential_entries_TenantId_UpdatedAt_SortKey",
                schema: "folders",
                table: "credential_entries");
        }
    }
}
