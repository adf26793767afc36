using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Credentials
{
    /// <inheritdoc />
    public partial class HandoverPackages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "handover_packages",
                schema: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Credentials = table.Column<int>(type: "integer", nullable: false),
                    Keys = table.Column<byte[]>(type: "bytea", maxLength: 512, nullable: true),
                    Cipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_handover_packages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_handover_packages_ExpiresAt",
                schema: "credentials",
                table: "handover_packages",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_handover_packages_FamilyId",
                schema: "credentials",
                table: "handover_packages",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_handover_packages_TenantId_ClientId",
                schema: "credentials",
                table: "handover_packages",
                columns: new[] { "TenantId", "ClientId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "handover_packages",
                schema: "credentials");
        }
    }
}
