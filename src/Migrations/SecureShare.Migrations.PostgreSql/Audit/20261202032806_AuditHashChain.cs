using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Audit
{
    /// <inheritdoc />
    public partial class AuditHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chain_heads",
                schema: "audit",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", maxLength: 80, nullable: false),
                    KeyId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chain_heads", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "chain_links",
                schema: "audit",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<long>(type: "bigint", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventSequence = table.Column<long>(type: "bigint", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    SealedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chain_links", x => new { x.TenantId, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "maintenance_gate",
                schema: "audit",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_gate", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sealer",
                schema: "audit",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    SealedThrough = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sealer", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_chain_heads_FamilyId",
                schema: "audit",
                table: "chain_heads",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_chain_links_FamilyId",
                schema: "audit",
                table: "chain_links",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_chain_links_TenantId_EventSequence",
                schema: "audit",
                table: "chain_links",
                columns: new[] { "TenantId", "EventSequence" },
                unique: true);

            // Append-only in the database too (decision 0029): an UPDATE, DELETE or TRUNCATE of events, their targets
            // or the chain's links fails unless the same transaction holds a row in maintenance_gate (retention's path).
            migrationBuilder.Sql("""
                CREATE FUNCTION audit.refuse_unless_gate_open() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM audit.maintenance_gate) THEN
                        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                    END IF;
                    RAISE EXCEPTION 'audit.% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON audit.events FOR EACH ROW EXECUTE FUNCTION audit.refuse_unless_gate_open();");
            migrationBuilder.Sql("CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON audit.events FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_unless_gate_open();");
            migrationBuilder.Sql("CREATE TRIGGER event_targets_append_only BEFORE UPDATE OR DELETE ON audit.event_targets FOR EACH ROW EXECUTE FUNCTION audit.refuse_unless_gate_open();");
            migrationBuilder.Sql("CREATE TRIGGER event_targets_no_truncate BEFORE TRUNCATE ON audit.event_targets FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_unless_gate_open();");
            migrationBuilder.Sql("CREATE TRIGGER chain_links_append_only BEFORE UPDATE OR DELETE ON audit.chain_links FOR EACH ROW EXECUTE FUNCTION audit.refuse_unless_gate_open();");
            migrationBuilder.Sql("CREATE TRIGGER chain_links_no_truncate BEFORE TRUNCATE ON audit.chain_links FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_unless_gate_open();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER events_append_only ON audit.events; DROP TRIGGER events_no_truncate ON audit.events;");
            migrationBuilder.Sql("DROP TRIGGER event_targets_append_only ON audit.event_targets; DROP TRIGGER event_targets_no_truncate ON audit.event_targets;");
            migrationBuilder.Sql("DROP TRIGGER chain_links_append_only ON audit.chain_links; DROP TRIGGER chain_links_no_truncate ON audit.chain_links;");
            migrationBuilder.Sql("DROP FUNCTION audit.refuse_unless_gate_open();");

            migrationBuilder.DropTable(
                name: "chain_heads",
                schema: "audit");

            migrationBuilder.DropTable(
                name: "chain_links",
                schema: "audit");

            migrationBuilder.DropTable(
                name: "maintenance_gate",
                schema: "audit");

            migrationBuilder.DropTable(
                name: "sealer",
                schema: "audit");
        }
    }
}
