using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Credentials
{
    /// <inheritdoc />
    public partial class Credentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "credentials_credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Username = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    SecretCipher = table.Column<byte[]>(type: "BLOB", nullable: true),
                    NotesCipher = table.Column<byte[]>(type: "BLOB", nullable: true),
                    TotpSeedCipher = table.Column<byte[]>(type: "BLOB", nullable: true),
                    SecretVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedsRotation = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_credentials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "credentials_tenant_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MasterKeyId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Wrapped = table.Column<byte[]>(type: "BLOB", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_tenant_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "credentials_credential_tags",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NormalizedTag = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_credential_tags", x => new { x.CredentialId, x.NormalizedTag });
                    table.ForeignKey(
                        name: "FK_credentials_credential_tags_credentials_credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "credentials_credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "credentials_credential_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Cipher = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ChangedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ChangedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReplacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_credential_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credentials_credential_versions_credentials_credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "credentials_credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "credentials_custom_fields",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsSecret = table.Column<bool>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    ValueCipher = table.Column<byte[]>(type: "BLOB", nullable: true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_custom_fields", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credentials_custom_fields_credentials_credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "credentials_credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_credential_tags_FamilyId",
                table: "credentials_credential_tags",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_credential_tags_TenantId",
                table: "credentials_credential_tags",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_credential_tags_TenantId_NormalizedTag",
                table: "credentials_credential_tags",
                columns: new[] { "TenantId", "NormalizedTag" });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_credential_versions_CredentialId",
                table: "credentials_credential_versions",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_credential_versions_FamilyId",
                table: "credentials_credential_versions",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_credential_versions_TenantId",
                table: "credentials_credential_versions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_credential_versions_TenantId_CredentialId_Version",
                table: "credentials_credential_versions",
                columns: new[] { "TenantId", "CredentialId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_credentials_credentials_FamilyId",
                table: "credentials_credentials",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_credentials_TenantId",
                table: "credentials_credentials",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_custom_fields_CredentialId_Position",
                table: "credentials_custom_fields",
                columns: new[] { "CredentialId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_custom_fields_FamilyId",
                table: "credentials_custom_fields",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_custom_fields_TenantId",
                table: "credentials_custom_fields",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_tenant_keys_FamilyId",
                table: "credentials_tenant_keys",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_tenant_keys_TenantId",
                table: "credentials_tenant_keys",
                column: "TenantId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credentials_credential_tags");

            migrationBuilder.DropTable(
                name: "credentials_credential_versions");

            migrationBuilder.DropTable(
                name: "credentials_custom_fields");

            migrationBuilder.DropTable(
                name: "credentials_tenant_keys");

            migrationBuilder.DropTable(
                name: "credentials_credentials");
        }
    }
}
