using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Accounts
{
    /// <inheritdoc />
    public partial class SingleUseLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "single_use_links",
                schema: "accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_single_use_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_single_use_links_users_UserId",
                        column: x => x.UserId,
                        principalSchema: "accounts",
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_single_use_links_ExpiresAt",
                schema: "accounts",
                table: "single_use_links",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_single_use_links_FamilyId",
                schema: "accounts",
                table: "single_use_links",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_single_use_links_TenantId_UserId_Purpose",
                schema: "accounts",
                table: "single_use_links",
                columns: new[] { "TenantId", "UserId", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_single_use_links_TokenHash",
                schema: "accounts",
                table: "single_use_links",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_single_use_links_UserId",
                schema: "accounts",
                table: "single_use_links",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "single_use_links",
                schema: "accounts");
        }
    }
}
