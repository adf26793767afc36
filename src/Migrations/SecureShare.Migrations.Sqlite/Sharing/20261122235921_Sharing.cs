using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Sharing
{
    /// <inheritdoc />
    public partial class Sharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sharing_shares",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetTenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Permission = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    AudienceEveryone = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sharing_shares", x => new { x.TenantId, x.CredentialId, x.TargetTenantId });
                });

            migrationBuilder.CreateTable(
                name: "sharing_share_audience",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetTenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrincipalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sharing_share_audience", x => new { x.TenantId, x.CredentialId, x.TargetTenantId, x.PrincipalId });
                    table.ForeignKey(
                        name: "FK_sharing_share_audience_sharing_shares_TenantId_CredentialId_TargetTenantId",
                        columns: x => new { x.TenantId, x.CredentialId, x.TargetTenantId },
                        principalTable: "sharing_shares",
                        principalColumns: new[] { "TenantId", "CredentialId", "TargetTenantId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sharing_share_audience_FamilyId",
                table: "sharing_share_audience",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_sharing_share_audience_TenantId",
                table: "sharing_share_audience",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_sharing_shares_ExpiresAt",
                table: "sharing_shares",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_sharing_shares_FamilyId",
                table: "sharing_shares",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_sharing_shares_TenantId",
                table: "sharing_shares",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_sharing_shares_TenantId_TargetTenantId",
                table: "sharing_shares",
                columns: new[] { "TenantId", "TargetTenantId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sharing_share_audience");

            migrationBuilder.DropTable(
                name: "sharing_shares");
        }
    }
}
