using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Sharing
{
    /// <inheritdoc />
    public partial class FolderShareRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RuleId",
                table: "sharing_shares",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RuleOnly",
                table: "sharing_shares",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "sharing_folder_share_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FolderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetTenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Permission = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    AudienceEveryone = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TargetFolderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sharing_folder_share_rules", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "sharing_folder_share_rule_audience",
                columns: table => new
                {
                    RuleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrincipalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sharing_folder_share_rule_audience", x => new { x.TenantId, x.RuleId, x.PrincipalId });
                    table.ForeignKey(
                        name: "FK_sharing_folder_share_rule_audience_sharing_folder_share_rules_TenantId_RuleId",
                        columns: x => new { x.TenantId, x.RuleId },
                        principalTable: "sharing_folder_share_rules",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sharing_shares_TenantId_RuleId",
                table: "sharing_shares",
                columns: new[] { "TenantId", "RuleId" });

            migrationBuilder.CreateIndex(
                name: "IX_sharing_folder_share_rule_audience_FamilyId",
                table: "sharing_folder_share_rule_audience",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_sharing_folder_share_rules_FamilyId",
                table: "sharing_folder_share_rules",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_sharing_folder_share_rules_TargetTenantId",
                table: "sharing_folder_share_rules",
                column: "TargetTenantId");

            migrationBuilder.CreateIndex(
                name: "IX_sharing_folder_share_rules_TenantId_FolderId_TargetTenantId",
                table: "sharing_folder_share_rules",
                columns: new[] { "TenantId", "FolderId", "TargetTenantId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sharing_folder_share_rule_audience");

            migrationBuilder.DropTable(
                name: "sharing_folder_share_rules");

            migrationBuilder.DropIndex(
                name: "IX_sharing_shares_TenantId_RuleId",
                table: "sharing_shares");

            migrationBuilder.DropColumn(
                name: "RuleId",
                table: "sharing_shares");

            migrationBuilder.DropColumn(
                name: "RuleOnly",
                table: "sharing_shares");
        }
    }
}
