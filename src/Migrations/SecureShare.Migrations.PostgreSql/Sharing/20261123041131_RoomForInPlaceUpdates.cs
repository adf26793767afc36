using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Sharing
{
    /// <inheritdoc />
    public partial class RoomForInPlaceUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "shares",
                schema: "sharing")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "shares",
                schema: "sharing")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);
        }
    }
}
