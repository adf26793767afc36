using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Accounts
{
    /// <inheritdoc />
    public partial class ApiKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts_api_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Hint = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    KeyHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReadOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AllowedIps = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastUsedIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_api_keys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_api_keys_accounts_users_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_api_keys_FamilyId",
                table: "accounts_api_keys",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_api_keys_KeyHash",
                table: "accounts_api_keys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_api_keys_OwnerUserId",
                table: "accounts_api_keys",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_api_keys_TenantId_OwnerUserId",
                table: "accounts_api_keys",
                columns: new[] { "TenantId", "OwnerUserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_api_keys");
        }
    }
}
