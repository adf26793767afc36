using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Accounts
{
    /// <inheritdoc />
    public partial class TenantSso : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SsoSubject",
                table: "accounts_users",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SsoRequired",
                table: "accounts_tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ViaSso",
                table: "accounts_sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "accounts_tenant_sso",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClientSecret = table.Column<byte[]>(type: "BLOB", maxLength: 1024, nullable: false),
                    DefaultRole = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    GroupClaim = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    GroupMappings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    BreakGlassUserIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AllowedEmailDomains = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    TrustEmailClaim = table.Column<bool>(type: "INTEGER", nullable: false),
                    Stamp = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_tenant_sso", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_tenant_sso_accounts_tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "accounts_tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_tenant_sso_FamilyId",
                table: "accounts_tenant_sso",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_tenant_sso_TenantId",
                table: "accounts_tenant_sso",
                column: "TenantId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_tenant_sso");

            migrationBuilder.DropColumn(
                name: "SsoSubject",
                table: "accounts_users");

            migrationBuilder.DropColumn(
                name: "SsoRequired",
                table: "accounts_tenants");

            migrationBuilder.DropColumn(
                name: "ViaSso",
                table: "accounts_sessions");
        }
    }
}
