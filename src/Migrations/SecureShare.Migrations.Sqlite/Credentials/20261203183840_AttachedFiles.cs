using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Credentials
{
    /// <inheritdoc />
    public partial class AttachedFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FileBytes",
                table: "credentials_tenant_keys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "credentials_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 127, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    StoredFileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credentials_attachments_credentials_credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "credentials_credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "credentials_file_chunks",
                columns: table => new
                {
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_file_chunks", x => new { x.FileId, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "credentials_stored_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SealedKey = table.Column<byte[]>(type: "BLOB", maxLength: 128, nullable: false),
                    ChunkSize = table.Column<int>(type: "INTEGER", nullable: false),
                    ChunkCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_stored_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "credentials_attachment_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AttachmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 127, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    StoredFileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReplacedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReplacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_attachment_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credentials_attachment_versions_credentials_attachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "credentials_attachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_attachment_versions_AttachmentId",
                table: "credentials_attachment_versions",
                column: "AttachmentId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_attachment_versions_FamilyId",
                table: "credentials_attachment_versions",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_attachment_versions_TenantId_AttachmentId_Version",
                table: "credentials_attachment_versions",
                columns: new[] { "TenantId", "AttachmentId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_credentials_attachments_CredentialId",
                table: "credentials_attachments",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_attachments_FamilyId",
                table: "credentials_attachments",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_attachments_TenantId_CredentialId",
                table: "credentials_attachments",
                columns: new[] { "TenantId", "CredentialId" });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_file_chunks_FamilyId",
                table: "credentials_file_chunks",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_file_chunks_TenantId",
                table: "credentials_file_chunks",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_stored_files_FamilyId",
                table: "credentials_stored_files",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_stored_files_State_CreatedAt",
                table: "credentials_stored_files",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_stored_files_TenantId",
                table: "credentials_stored_files",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credentials_attachment_versions");

            migrationBuilder.DropTable(
                name: "credentials_file_chunks");

            migrationBuilder.DropTable(
                name: "credentials_stored_files");

            migrationBuilder.DropTable(
                name: "credentials_attachments");

            migrationBuilder.DropColumn(
                name: "FileBytes",
                table: "credentials_tenant_keys");
        }
    }
}
