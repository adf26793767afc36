using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Accounts
{
    /// <inheritdoc />
    public partial class DropRedundantTenantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_accounts_users_TenantId",
                table: "accounts_users");

            migrationBuilder.DropIndex(
                name: "IX_accounts_groups_TenantId",
                table: "accounts_groups");

            migrationBuilder.DropIndex(
                name: "IX_accounts_group_members_TenantId",
                table: "accounts_group_members");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_accounts_users_TenantId",
                table: "accounts_users",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_groups_TenantId",
                table: "accounts_groups",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_group_members_TenantId",
                table: "accounts_group_members",
                column: "TenantId");
        }
    }
}
