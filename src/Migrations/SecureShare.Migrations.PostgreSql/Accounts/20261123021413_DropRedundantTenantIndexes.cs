using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Accounts
{
    /// <inheritdoc />
    public partial class DropRedundantTenantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_users_TenantId",
                schema: "accounts",
                table: "users");

            migrationBuilder.DropIndex(
                name: "IX_groups_TenantId",
                schema: "accounts",
                table: "groups");

            migrationBuilder.DropIndex(
                name: "IX_group_members_TenantId",
                schema: "accounts",
                table: "group_members");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_users_TenantId",
                schema: "accounts",
                table: "users",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_groups_TenantId",
                schema: "accounts",
                table: "groups",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_group_members_TenantId",
                schema: "accounts",
                table: "group_members",
                column: "TenantId");
        }
    }
}
