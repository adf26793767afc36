using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Credentials
{
    /// <inheritdoc />
    public partial class ImportParcels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_parcels",
                schema: "credentials",
                columns: table => new
                {
                    ParcelId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    Data = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_parcels", x => new { x.ParcelId, x.Sequence });
                });

            migrationBuilder.CreateIndex(
                name: "IX_import_parcels_CreatedAt",
                schema: "credentials",
                table: "import_parcels",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_import_parcels_FamilyId",
                schema: "credentials",
                table: "import_parcels",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_import_parcels_TenantId",
                schema: "credentials",
                table: "import_parcels",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_parcels",
                schema: "credentials");
        }
    }
}
