using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Sharing
{
    /// <inheritdoc />
    public partial class FolderShareRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RuleId",
                schema: "sharing",
                table: "shares",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RuleOnly",
                schema: "sharing",
                table: "shares",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "folder_share_rules",
                schema: "sharing",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FolderId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetTenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Permission = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    AudienceEveryone = table.Column<bool>(type: "boolean", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TargetFolderId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_folder_share_rules", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "folder_share_rule_audience",
                schema: "sharing",
                columns: table => new
                {
                    RuleId = table.Column<Guid>(type: "uuid", nullable: false),
                    PrincipalId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_folder_share_rule_audience", x => new { x.TenantId, x.RuleId, x.PrincipalId });
                    table.ForeignKey(
                        name: "FK_folder_share_rule_audience_folder_share_rules_TenantId_Rule~",
                        columns: x => new { x.TenantId, x.RuleId },
                        principalSchema: "sharing",
                        principalTable: "folder_share_rules",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_shares_TenantId_RuleId",
                schema: "sharing",
                table: "shares",
                columns: new[] { "TenantId", "RuleId" });

            migrationBuilder.CreateIndex(
                name: "IX_folder_share_rule_audience_FamilyId",
                schema: "sharing",
                table: "folder_share_rule_audience",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_folder_share_rules_FamilyId",
                schema: "sharing",
                table: "folder_share_rules",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_folder_share_rules_TargetTenantId",
                schema: "sharing",
                table: "folder_share_rules",
                column: "TargetTenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folder_share_rules_TenantId_FolderId_TargetTenantId",
                schema: "sharing",
                table: "folder_share_rules",
                columns: new[] { "TenantId", "FolderId", "TargetTenantId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "folder_share_rule_audience",
                schema: "sharing");

            migrationBuilder.DropTable(
                name: "folder_share_rules",
                schema: "sharing");

            migrationBuilder.DropIndex(
                name: "IX_shares_TenantId_RuleId",
                schema: "sharing",
                table: "shares");

            migrationBuilder.DropColumn(
                name: "RuleId",
                schema: "sharing",
                table: "shares");

            migrationBuilder.DropColumn(
                name: "RuleOnly",
                schema: "sharing",
                table: "shares");
        }
    }
}
