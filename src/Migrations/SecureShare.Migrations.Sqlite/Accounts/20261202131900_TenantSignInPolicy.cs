using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Accounts
{
    /// <inheritdoc />
    public partial class TenantSignInPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MfaRequired",
                table: "accounts_tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "MfaRequiredForClients",
                table: "accounts_tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SessionIdleMinutes",
                table: "accounts_tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SessionMaxHours",
                table: "accounts_tenants",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MfaRequired",
                table: "accounts_tenants");

            migrationBuilder.DropColumn(
                name: "MfaRequiredForClients",
                table: "accounts_tenants");

            migrationBuilder.DropColumn(
                name: "SessionIdleMinutes",
                table: "accounts_tenants");

            migrationBuilder.DropColumn(
                name: "SessionMaxHours",
                table: "accounts_tenants");
        }
    }
}
