using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Folders
{
    /// <inheritdoc />
    public partial class RoomForInPlaceUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "credential_entries",
                schema: "folders")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "credential_entries",
                schema: "folders")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);
        }
    }
}
