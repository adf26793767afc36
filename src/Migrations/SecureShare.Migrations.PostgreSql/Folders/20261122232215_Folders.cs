using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Folders
{
    /// <inheritdoc />
    public partial class Folders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "folders");

            migrationBuilder.CreateTable(
                name: "credential_entries",
                schema: "folders",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    FolderId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SearchText = table.Column<string>(type: "character varying(2600)", maxLength: 2600, nullable: false),
                    SortKey = table.Column<string>(type: "character varying(240)", maxLength: 240, nullable: false, collation: "C"),
                    Username = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    OriginTenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    OriginTenantName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SharingState = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    SharedTenantCount = table.Column<int>(type: "integer", nullable: false),
                    Permission = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    NeedsRotation = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TagList = table.Column<string>(type: "character varying(2600)", maxLength: 2600, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credential_entries", x => new { x.TenantId, x.CredentialId });
                });

            migrationBuilder.CreateTable(
                name: "folders",
                schema: "folders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParentKey = table.Column<Guid>(type: "uuid", nullable: false),
                    RestrictedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_folders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "credential_entry_tags",
                schema: "folders",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    NormalizedTag = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tag = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credential_entry_tags", x => new { x.TenantId, x.CredentialId, x.NormalizedTag });
                    table.ForeignKey(
                        name: "FK_credential_entry_tags_credential_entries_TenantId_Credentia~",
                        columns: x => new { x.TenantId, x.CredentialId },
                        principalSchema: "folders",
                        principalTable: "credential_entries",
                        principalColumns: new[] { "TenantId", "CredentialId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "folder_groups",
                schema: "folders",
                columns: table => new
                {
                    FolderId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_folder_groups", x => new { x.FolderId, x.GroupId });
                    table.ForeignKey(
                        name: "FK_folder_groups_folders_FolderId",
                        column: x => x.FolderId,
                        principalSchema: "folders",
                        principalTable: "folders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_credential_entries_CredentialId",
                schema: "folders",
                table: "credential_entries",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_entries_FamilyId",
                schema: "folders",
                table: "credential_entries",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_entries_TenantId",
                schema: "folders",
                table: "credential_entries",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_entries_TenantId_FolderId_SortKey",
                schema: "folders",
                table: "credential_entries",
                columns: new[] { "TenantId", "FolderId", "SortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_credential_entries_TenantId_SortKey",
                schema: "folders",
                table: "credential_entries",
                columns: new[] { "TenantId", "SortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_credential_entry_tags_FamilyId",
                schema: "folders",
                table: "credential_entry_tags",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_entry_tags_TenantId",
                schema: "folders",
                table: "credential_entry_tags",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_entry_tags_TenantId_NormalizedTag",
                schema: "folders",
                table: "credential_entry_tags",
                columns: new[] { "TenantId", "NormalizedTag" });

            migrationBuilder.CreateIndex(
                name: "IX_folder_groups_FamilyId",
                schema: "folders",
                table: "folder_groups",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_folder_groups_TenantId",
                schema: "folders",
                table: "folder_groups",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folder_groups_TenantId_GroupId",
                schema: "folders",
                table: "folder_groups",
                columns: new[] { "TenantId", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_folders_FamilyId",
                schema: "folders",
                table: "folders",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_TenantId",
                schema: "folders",
                table: "folders",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_TenantId_ParentKey_NormalizedName",
                schema: "folders",
                table: "folders",
                columns: new[] { "TenantId", "ParentKey", "NormalizedName" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credential_entry_tags",
                schema: "folders");

            migrationBuilder.DropTable(
                name: "folder_groups",
                schema: "folders");

            migrationBuilder.DropTable(
                name: "credential_entries",
                schema: "folders");

            migrationBuilder.DropTable(
                name: "folders",
                schema: "folders");
        }
    }
}
