using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Credentials
{
    /// <inheritdoc />
    public partial class KeptImportBytes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "KeptImportBytes",
                table: "credentials_tenant_keys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // The imports kept for jobs before the count existed: counted now, so that their claims give back what they hold.
            migrationBuilder.Sql("""
                UPDATE "credentials_tenant_keys" SET "KeptImportBytes" =
                  COALESCE((SELECT SUM(length(p."Data")) FROM "credentials_import_parcels" p WHERE p."TenantId" = "credentials_tenant_keys"."TenantId"), 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KeptImportBytes",
                table: "credentials_tenant_keys");
        }
    }
}
