using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Folders
{
    /// <inheritdoc />
    public partial class Folders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "folders_credential_entries",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FolderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 2600, nullable: false),
                    SortKey = table.Column<string>(type: "TEXT", maxLength: 240, nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    OriginTenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OriginTenantName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SharingState = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    SharedTenantCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Permission = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    NeedsRotation = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TagList = table.Column<string>(type: "TEXT", maxLength: 2600, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_folders_credential_entries", x => new { x.TenantId, x.CredentialId });
                });

            migrationBuilder.CreateTable(
                name: "folders_folders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ParentKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    RestrictedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_folders_folders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "folders_credential_entry_tags",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NormalizedTag = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_folders_credential_entry_tags", x => new { x.TenantId, x.CredentialId, x.NormalizedTag });
                    table.ForeignKey(
                        name: "FK_folders_credential_entry_tags_folders_credential_entries_TenantId_CredentialId",
                        columns: x => new { x.TenantId, x.CredentialId },
                        principalTable: "folders_credential_entries",
                        principalColumns: new[] { "TenantId", "CredentialId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "folders_folder_groups",
                columns: table => new
                {
                    FolderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_folders_folder_groups", x => new { x.FolderId, x.GroupId });
                    table.ForeignKey(
                        name: "FK_folders_folder_groups_folders_folders_FolderId",
                        column: x => x.FolderId,
                        principalTable: "folders_folders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entries_CredentialId",
                table: "folders_credential_entries",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entries_FamilyId",
                table: "folders_credential_entries",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entries_TenantId",
                table: "folders_credential_entries",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entries_TenantId_FolderId_SortKey",
                table: "folders_credential_entries",
                columns: new[] { "TenantId", "FolderId", "SortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entries_TenantId_SortKey",
                table: "folders_credential_entries",
                columns: new[] { "TenantId", "SortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entry_tags_FamilyId",
                table: "folders_credential_entry_tags",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entry_tags_TenantId",
                table: "folders_credential_entry_tags",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entry_tags_TenantId_NormalizedTag",
                table: "folders_credential_entry_tags",
                columns: new[] { "TenantId", "NormalizedTag" });

            migrationBuilder.CreateIndex(
                name: "IX_folders_folder_groups_FamilyId",
                table: "folders_folder_groups",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_folder_groups_TenantId",
                table: "folders_folder_groups",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_folder_groups_TenantId_GroupId",
                table: "folders_folder_groups",
                columns: new[] { "TenantId", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_folders_folders_FamilyId",
                table: "folders_folders",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_folders_TenantId",
                table: "folders_folders",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_folders_TenantId_ParentKey_NormalizedName",
                table: "folders_folders",
                columns: new[] { "TenantId", "ParentKey", "NormalizedName" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "folders_credential_entry_tags");

            migrationBuilder.DropTable(
                name: "folders_folder_groups");

            migrationBuilder.DropTable(
                name: "folders_credential_entries");

            migrationBuilder.DropTable(
                name: "folders_folders");
        }
    }
}
