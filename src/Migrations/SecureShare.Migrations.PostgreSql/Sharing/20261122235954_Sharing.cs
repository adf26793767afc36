using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Sharing
{
    /// <inheritdoc />
    public partial class Sharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "sharing");

            migrationBuilder.CreateTable(
                name: "shares",
                schema: "sharing",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetTenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Permission = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    AudienceEveryone = table.Column<bool>(type: "boolean", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shares", x => new { x.TenantId, x.CredentialId, x.TargetTenantId });
                });

            migrationBuilder.CreateTable(
                name: "share_audience",
                schema: "sharing",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetTenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PrincipalId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_share_audience", x => new { x.TenantId, x.CredentialId, x.TargetTenantId, x.PrincipalId });
                    table.ForeignKey(
                        name: "FK_share_audience_shares_TenantId_CredentialId_TargetTenantId",
                        columns: x => new { x.TenantId, x.CredentialId, x.TargetTenantId },
                        principalSchema: "sharing",
                        principalTable: "shares",
                        principalColumns: new[] { "TenantId", "CredentialId", "TargetTenantId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_share_audience_FamilyId",
                schema: "sharing",
                table: "share_audience",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_share_audience_TenantId",
                schema: "sharing",
                table: "share_audience",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_shares_ExpiresAt",
                schema: "sharing",
                table: "shares",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_shares_FamilyId",
                schema: "sharing",
                table: "shares",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_shares_TenantId",
                schema: "sharing",
                table: "shares",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_shares_TenantId_TargetTenantId",
                schema: "sharing",
                table: "shares",
                columns: new[] { "TenantId", "TargetTenantId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "share_audience",
                schema: "sharing");

            migrationBuilder.DropTable(
                name: "shares",
                schema: "sharing");
        }
    }
}
