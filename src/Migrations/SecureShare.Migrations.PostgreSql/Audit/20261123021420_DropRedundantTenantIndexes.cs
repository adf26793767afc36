using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Audit
{
    /// <inheritdoc />
    public partial class DropRedundantTenantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_events_TenantId",
                schema: "audit",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_event_targets_TenantId",
                schema: "audit",
                table: "event_targets");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_events_TenantId",
                schema: "audit",
                table: "events",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_event_targets_TenantId",
                schema: "audit",
                table: "event_targets",
                column: "TenantId");
        }
    }
}
