using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Audit
{
    /// <inheritdoc />
    public partial class AuditForwardCursors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "forward_cursors",
                schema: "audit",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Position = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forward_cursors", x => x.TenantId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_forward_cursors_FamilyId",
                schema: "audit",
                table: "forward_cursors",
                column: "FamilyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "forward_cursors",
                schema: "audit");
        }
    }
}
