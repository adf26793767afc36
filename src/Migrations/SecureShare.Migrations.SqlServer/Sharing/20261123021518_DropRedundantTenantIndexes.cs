using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Sharing
{
    /// <inheritdoc />
    public partial class DropRedundantTenantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_shares_TenantId",
                schema: "sharing",
                table: "shares");

            migrationBuilder.DropIndex(
                name: "IX_share_audience_TenantId",
                schema: "sharing",
                table: "share_audience");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_shares_TenantId",
                schema: "sharing",
                table: "shares",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_share_audience_TenantId",
                schema: "sharing",
                table: "share_audience",
                column: "TenantId");
        }
    }
}
