using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Credentials
{
    /// <inheritdoc />
    public partial class LinkFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<byte[]>(
                name: "SealedKey",
                table: "credentials_stored_files",
                type: "BLOB",
                maxLength: 128,
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "BLOB",
                oldMaxLength: 128);

            migrationBuilder.AddColumn<long>(
                name: "FilesGrantExpiresAt",
                table: "credentials_link_shares",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "FilesGrantHash",
                table: "credentials_link_shares",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "credentials_link_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 127, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    StoredFileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_link_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credentials_link_files_credentials_link_shares_LinkId",
                        column: x => x.LinkId,
                        principalTable: "credentials_link_shares",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_attachments_StoredFileId",
                table: "credentials_attachments",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_attachment_versions_StoredFileId",
                table: "credentials_attachment_versions",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_link_files_FamilyId",
                table: "credentials_link_files",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_link_files_LinkId",
                table: "credentials_link_files",
                column: "LinkId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_link_files_StoredFileId",
                table: "credentials_link_files",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_link_files_TenantId_LinkId_Position",
                table: "credentials_link_files",
                columns: new[] { "TenantId", "LinkId", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credentials_link_files");

            migrationBuilder.DropIndex(
                name: "IX_credentials_attachments_StoredFileId",
                table: "credentials_attachments");

            migrationBuilder.DropIndex(
                name: "IX_credentials_attachment_versions_StoredFileId",
                table: "credentials_attachment_versions");

            migrationBuilder.DropColumn(
                name: "FilesGrantExpiresAt",
                table: "credentials_link_shares");

            migrationBuilder.DropColumn(
                name: "FilesGrantHash",
                table: "credentials_link_shares");

            migrationBuilder.AlterColumn<byte[]>(
                name: "SealedKey",
                table: "credentials_stored_files",
                type: "BLOB",
                maxLength: 128,
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "BLOB",
                oldMaxLength: 128,
                oldNullable: true);
        }
    }
}
