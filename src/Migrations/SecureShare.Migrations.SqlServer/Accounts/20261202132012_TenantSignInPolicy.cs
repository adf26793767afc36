using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Accounts
{
    /// <inheritdoc />
    public partial class TenantSignInPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MfaRequired",
                schema: "accounts",
                table: "tenants",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "MfaRequiredForClients",
                schema: "accounts",
                table: "tenants",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SessionIdleMinutes",
                schema: "accounts",
                table: "tenants",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SessionMaxHours",
                schema: "accounts",
                table: "tenants",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MfaRequired",
                schema: "accounts",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "MfaRequiredForClients",
                schema: "accounts",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "SessionIdleMinutes",
                schema: "accounts",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "SessionMaxHours",
                schema: "accounts",
                table: "tenants");
        }
    }
}
