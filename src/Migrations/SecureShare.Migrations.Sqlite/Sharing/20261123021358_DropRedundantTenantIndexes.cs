using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Sharing
{
    /// <inheritdoc />
    public partial class DropRedundantTenantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sharing_shares_TenantId",
                table: "sharing_shares");

            migrationBuilder.DropIndex(
                name: "IX_sharing_share_audience_TenantId",
                table: "sharing_share_audience");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_sharing_shares_TenantId",
                table: "sharing_shares",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_sharing_share_audience_TenantId",
                table: "sharing_share_audience",
                column: "TenantId");
        }
    }
}
