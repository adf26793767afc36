using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Credentials
{
    /// <inheritdoc />
    public partial class Credentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "credentials");

            migrationBuilder.CreateTable(
                name: "credentials",
                schema: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Username = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    SecretCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    NotesCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    TotpSeedCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    SecretVersion = table.Column<int>(type: "integer", nullable: false),
                    NeedsRotation = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tenant_keys",
                schema: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MasterKeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Wrapped = table.Column<byte[]>(type: "bytea", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenant_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "credential_tags",
                schema: "credentials",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    NormalizedTag = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Tag = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credential_tags", x => new { x.CredentialId, x.NormalizedTag });
                    table.ForeignKey(
                        name: "FK_credential_tags_credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalSchema: "credentials",
                        principalTable: "credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "credential_versions",
                schema: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Cipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    ChangedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChangedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReplacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credential_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credential_versions_credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalSchema: "credentials",
                        principalTable: "credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "custom_fields",
                schema: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IsSecret = table.Column<bool>(type: "boolean", nullable: false),
                    Value = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    ValueCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_custom_fields", x => x.Id);
                    table.ForeignKey(
                        name: "FK_custom_fields_credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalSchema: "credentials",
                        principalTable: "credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_credential_tags_FamilyId",
                schema: "credentials",
                table: "credential_tags",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_tags_TenantId",
                schema: "credentials",
                table: "credential_tags",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_tags_TenantId_NormalizedTag",
                schema: "credentials",
                table: "credential_tags",
                columns: new[] { "TenantId", "NormalizedTag" });

            migrationBuilder.CreateIndex(
                name: "IX_credential_versions_CredentialId",
                schema: "credentials",
                table: "credential_versions",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_versions_FamilyId",
                schema: "credentials",
                table: "credential_versions",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_versions_TenantId",
                schema: "credentials",
                table: "credential_versions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_versions_TenantId_CredentialId_Version",
                schema: "credentials",
                table: "credential_versions",
                columns: new[] { "TenantId", "CredentialId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_credentials_FamilyId",
                schema: "credentials",
                table: "credentials",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_TenantId",
                schema: "credentials",
                table: "credentials",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_custom_fields_CredentialId_Position",
                schema: "credentials",
                table: "custom_fields",
                columns: new[] { "CredentialId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_custom_fields_FamilyId",
                schema: "credentials",
                table: "custom_fields",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_custom_fields_TenantId",
                schema: "credentials",
                table: "custom_fields",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_tenant_keys_FamilyId",
                schema: "credentials",
                table: "tenant_keys",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_tenant_keys_TenantId",
                schema: "credentials",
                table: "tenant_keys",
                column: "TenantId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credential_tags",
                schema: "credentials");

            migrationBuilder.DropTable(
                name: "credential_versions",
                schema: "credentials");

            migrationBuilder.DropTable(
                name: "custom_fields",
                schema: "credentials");

            migrationBuilder.DropTable(
                name: "tenant_keys",
                schema: "credentials");

            migrationBuilder.DropTable(
                name: "credentials",
                schema: "credentials");
        }
    }
}
