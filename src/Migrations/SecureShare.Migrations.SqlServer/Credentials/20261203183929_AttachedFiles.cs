using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Credentials
{
    /// <inheritdoc />
    public partial class AttachedFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FileBytes",
                schema: "credentials",
                table: "tenant_keys",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "attachments",
                schema: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CredentialId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(127)", maxLength: 127, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    StoredFileId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_attachments_credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalSchema: "credentials",
                        principalTable: "credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "file_chunks",
                schema: "credentials",
                columns: table => new
                {
                    FileId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Index = table.Column<int>(type: "int", nullable: false),
                    Data = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_file_chunks", x => new { x.FileId, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "stored_files",
                schema: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    SealedKey = table.Column<byte[]>(type: "varbinary(128)", maxLength: 128, nullable: false),
                    ChunkSize = table.Column<int>(type: "int", nullable: false),
                    ChunkCount = table.Column<int>(type: "int", nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stored_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "attachment_versions",
                schema: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AttachmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(127)", maxLength: 127, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    StoredFileId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReplacedByName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ReplacedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attachment_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_attachment_versions_attachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalSchema: "credentials",
                        principalTable: "attachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_attachment_versions_AttachmentId",
                schema: "credentials",
                table: "attachment_versions",
                column: "AttachmentId");

            migrationBuilder.CreateIndex(
                name: "IX_attachment_versions_FamilyId",
                schema: "credentials",
                table: "attachment_versions",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_attachment_versions_TenantId_AttachmentId_Version",
                schema: "credentials",
                table: "attachment_versions",
                columns: new[] { "TenantId", "AttachmentId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_attachments_CredentialId",
                schema: "credentials",
                table: "attachments",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_attachments_FamilyId",
                schema: "credentials",
                table: "attachments",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_attachments_TenantId_CredentialId",
                schema: "credentials",
                table: "attachments",
                columns: new[] { "TenantId", "CredentialId" });

            migrationBuilder.CreateIndex(
                name: "IX_file_chunks_FamilyId",
                schema: "credentials",
                table: "file_chunks",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_file_chunks_TenantId",
                schema: "credentials",
                table: "file_chunks",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_stored_files_FamilyId",
                schema: "credentials",
                table: "stored_files",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_stored_files_State_CreatedAt",
                schema: "credentials",
                table: "stored_files",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_stored_files_TenantId",
                schema: "credentials",
                table: "stored_files",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attachment_versions",
                schema: "credentials");

            migrationBuilder.DropTable(
                name: "file_chunks",
                schema: "credentials");

            migrationBuilder.DropTable(
                name: "stored_files",
                schema: "credentials");

            migrationBuilder.DropTable(
                name: "attachments",
                schema: "credentials");

            migrationBuilder.DropColumn(
                name: "FileBytes",
                schema: "credentials",
                table: "tenant_keys");
        }
    }
}
