using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Credentials
{
    /// <inheritdoc />
    public partial class ImportParcels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "credentials_import_parcels",
                columns: table => new
                {
                    ParcelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_import_parcels", x => new { x.ParcelId, x.Sequence });
                });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_import_parcels_CreatedAt",
                table: "credentials_import_parcels",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_import_parcels_FamilyId",
                table: "credentials_import_parcels",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_import_parcels_TenantId",
                table: "credentials_import_parcels",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credentials_import_parcels");
        }
    }
}
