using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Credentials
{
    /// <inheritdoc />
    public partial class KeptImportBytes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "KeptImportBytes",
                schema: "credentials",
                table: "tenant_keys",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // The imports kept for jobs before the count existed: counted now, so that their claims give back what they hold.
            migrationBuilder.Sql("""
                UPDATE [credentials].[tenant_keys] SET "KeptImportBytes" =
                  COALESCE((SELECT SUM(CAST(DATALENGTH(p."Data") AS bigint)) FROM [credentials].[import_parcels] p WHERE p."TenantId" = [credentials].[tenant_keys]."TenantId"), 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KeptImportBytes",
                schema: "credentials",
                table: "tenant_keys");
        }
    }
}
