using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Credentials
{
    /// <inheritdoc />
    public partial class LinkFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<byte[]>(
                name: "SealedKey",
                schema: "credentials",
                table: "stored_files",
                type: "varbinary(128)",
                maxLength: 128,
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "varbinary(128)",
                oldMaxLength: 128);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FilesGrantExpiresAt",
                schema: "credentials",
                table: "link_shares",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "FilesGrantHash",
                schema: "credentials",
                table: "link_shares",
                type: "varbinary(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "link_files",
                schema: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LinkId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(127)", maxLength: 127, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    StoredFileId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_link_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_link_files_link_shares_LinkId",
                        column: x => x.LinkId,
                        principalSchema: "credentials",
                        principalTable: "link_shares",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_attachments_StoredFileId",
                schema: "credentials",
                table: "attachments",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_attachment_versions_StoredFileId",
                schema: "credentials",
                table: "attachment_versions",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_link_files_FamilyId",
                schema: "credentials",
                table: "link_files",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_link_files_LinkId",
                schema: "credentials",
                table: "link_files",
                column: "LinkId");

            migrationBuilder.CreateIndex(
                name: "IX_link_files_StoredFileId",
                schema: "credentials",
                table: "link_files",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_link_files_TenantId_LinkId_Position",
                schema: "credentials",
                table: "link_files",
                columns: new[] { "TenantId", "LinkId", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "link_files",
                schema: "credentials");

            migrationBuilder.DropIndex(
                name: "IX_attachments_StoredFileId",
                schema: "credentials",
                table: "attachments");

            migrationBuilder.DropIndex(
                name: "IX_attachment_versions_StoredFileId",
                schema: "credentials",
                table: "attachment_versions");

            migrationBuilder.DropColumn(
                name: "FilesGrantExpiresAt",
                schema: "credentials",
                table: "link_shares");

            migrationBuilder.DropColumn(
                name: "FilesGrantHash",
                schema: "credentials",
                table: "link_shares");

            migrationBuilder.AlterColumn<byte[]>(
                name: "SealedKey",
                schema: "credentials",
                table: "stored_files",
                type: "varbinary(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "varbinary(128)",
                oldMaxLength: 128,
                oldNullable: true);
        }
    }
}
