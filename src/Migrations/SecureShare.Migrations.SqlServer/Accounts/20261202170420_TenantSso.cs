using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Accounts
{
    /// <inheritdoc />
    public partial class TenantSso : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SsoSubject",
                schema: "accounts",
                table: "users",
                type: "nvarchar(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SsoRequired",
                schema: "accounts",
                table: "tenants",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ViaSso",
                schema: "accounts",
                table: "sessions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "tenant_sso",
                schema: "accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Authority = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ClientId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ClientSecret = table.Column<byte[]>(type: "varbinary(1024)", maxLength: 1024, nullable: false),
                    DefaultRole = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    GroupClaim = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    GroupMappings = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    BreakGlassUserIds = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    AllowedEmailDomains = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    TrustEmailClaim = table.Column<bool>(type: "bit", nullable: false),
                    Stamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenant_sso", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tenant_sso_tenants_TenantId",
                        column: x => x.TenantId,
                        principalSchema: "accounts",
                        principalTable: "tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tenant_sso_FamilyId",
                schema: "accounts",
                table: "tenant_sso",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_tenant_sso_TenantId",
                schema: "accounts",
                table: "tenant_sso",
                column: "TenantId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tenant_sso",
                schema: "accounts");

            migrationBuilder.DropColumn(
                name: "SsoSubject",
                schema: "accounts",
                table: "users");

            migrationBuilder.DropColumn(
                name: "SsoRequired",
                schema: "accounts",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "ViaSso",
                schema: "accounts",
                table: "sessions");
        }
    }
}
