using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Credentials
{
    /// <inheritdoc />
    public partial class HandoverPackages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "credentials_handover_packages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Credentials = table.Column<int>(type: "INTEGER", nullable: false),
                    Keys = table.Column<byte[]>(type: "BLOB", maxLength: 512, nullable: true),
                    Cipher = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_handover_packages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_handover_packages_ExpiresAt",
                table: "credentials_handover_packages",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_handover_packages_FamilyId",
                table: "credentials_handover_packages",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_handover_packages_TenantId_ClientId",
                table: "credentials_handover_packages",
                columns: new[] { "TenantId", "ClientId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credentials_handover_packages");
        }
    }
}
