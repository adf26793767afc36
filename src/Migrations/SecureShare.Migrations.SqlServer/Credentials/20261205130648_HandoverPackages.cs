using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Credentials
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClientName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Credentials = table.Column<int>(type: "int", nullable: false),
                    Keys = table.Column<byte[]>(type: "varbinary(512)", maxLength: 512, nullable: true),
                    Cipher = table.Column<byte[]>(type: "varbinary(max)", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
