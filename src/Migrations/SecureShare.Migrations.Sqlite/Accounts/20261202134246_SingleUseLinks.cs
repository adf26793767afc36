using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Accounts
{
    /// <inheritdoc />
    public partial class SingleUseLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts_single_use_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_single_use_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_single_use_links_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_single_use_links_ExpiresAt",
                table: "accounts_single_use_links",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_single_use_links_FamilyId",
                table: "accounts_single_use_links",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_single_use_links_TenantId_UserId_Purpose",
                table: "accounts_single_use_links",
                columns: new[] { "TenantId", "UserId", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_single_use_links_TokenHash",
                table: "accounts_single_use_links",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_single_use_links_UserId",
                table: "accounts_single_use_links",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_single_use_links");
        }
    }
}
