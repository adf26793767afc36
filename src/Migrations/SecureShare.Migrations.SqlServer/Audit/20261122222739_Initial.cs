using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Audit
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "audit");

            migrationBuilder.CreateTable(
                name: "events",
                schema: "audit",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ActorName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Ip = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Details = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "event_targets",
                schema: "audit",
                columns: table => new
                {
                    EventSequence = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    TargetId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_targets", x => new { x.EventSequence, x.Kind, x.TargetId });
                    table.ForeignKey(
                        name: "FK_event_targets_events_EventSequence",
                        column: x => x.EventSequence,
                        principalSchema: "audit",
                        principalTable: "events",
                        principalColumn: "Sequence",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_event_targets_FamilyId",
                schema: "audit",
                table: "event_targets",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_event_targets_TenantId",
                schema: "audit",
                table: "event_targets",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_event_targets_TenantId_TargetId_EventSequence",
                schema: "audit",
                table: "event_targets",
                columns: new[] { "TenantId", "TargetId", "EventSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_events_FamilyId",
                schema: "audit",
                table: "events",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_events_Id",
                schema: "audit",
                table: "events",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_TenantId",
                schema: "audit",
                table: "events",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_events_TenantId_ActorUserId_Sequence",
                schema: "audit",
                table: "events",
                columns: new[] { "TenantId", "ActorUserId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_events_TenantId_Sequence",
                schema: "audit",
                table: "events",
                columns: new[] { "TenantId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_events_TenantId_Type_Sequence",
                schema: "audit",
                table: "events",
                columns: new[] { "TenantId", "Type", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "event_targets",
                schema: "audit");

            migrationBuilder.DropTable(
                name: "events",
                schema: "audit");
        }
    }
}
