using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Sharing
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
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RuleOnly",
                schema: "sharing",
                table: "shares",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "folder_share_rules",
                schema: "sharing",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FolderId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TargetTenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Permission = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    AudienceEveryone = table.Column<bool>(type: "bit", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    TargetFolderId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedByName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
                    RuleId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PrincipalId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_folder_share_rule_audience", x => new { x.TenantId, x.RuleId, x.PrincipalId });
                    table.ForeignKey(
                        name: "FK_folder_share_rule_audience_folder_share_rules_TenantId_RuleId",
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
