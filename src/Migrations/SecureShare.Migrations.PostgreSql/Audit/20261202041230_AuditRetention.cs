using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Audit
{
    /// <inheritdoc />
    public partial class AuditRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "StartHash",
                schema: "audit",
                table: "chain_heads",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StartIndex",
                schema: "audit",
                table: "chain_heads",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "policies",
                schema: "audit",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RetentionDays = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policies", x => x.TenantId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_policies_FamilyId",
                schema: "audit",
                table: "policies",
                column: "FamilyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "policies",
                schema: "audit");

            migrationBuilder.DropColumn(
                name: "StartHash",
                schema: "audit",
                table: "chain_heads");

            migrationBuilder.DropColumn(
                name: "StartIndex",
                schema: "audit",
                table: "chain_heads");
        }
    }
}
