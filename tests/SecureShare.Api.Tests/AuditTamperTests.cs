using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.Modules.Audit.Features.Chain;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// The audit log is a hash chain per tenant with a signed head (decision 0028): changing, deleting, inserting or
/// reordering an event behind the application's back is found and named by verify, and the application's own
/// connection cannot update or delete audit rows at all.
/// </summary>
public abstract class AuditTamperTests(TestApp app) : DatabaseTest(app)
{
    private TestDatabase Db => App.Database;

    private string Events => Db.Table("audit", "events");

    private string Links => Db.Table("audit", "chain_links");

    private async Task<int> SealAsync()
    {
        await using var scope = App.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SealAuditLog.Command());
    }

    private static Task<AuditVerification> VerifyAsync(Person admin) =>
        admin.Api.GetAsync("/api/v1/audit/verify").ReadAsync<AuditVerification>(HttpStatusCode.OK);

    /// <summary>An MSP with some history (users made and renamed, a credential made and revealed), sealed: its events oldest first.</summary>
    private async Task<(MspFamily Family, IReadOnlyList<AuditEvent> Events)> SealedHistoryAsync()
    {
        var family = await App.Family().With("tech", "Technician").Client("Acme").BuildAsync();
        var admin = family.Admin.Api;
        var credential = await admin.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Core switch", secret = "s3cret" }).CreatedIdAsync();
        await admin.RevealAsync(credential);
        await admin.PatchAsJsonAsync($"/api/v1/users/{family["tech"].UserId}", new { displayName = "Renamed tech" });
        await SealAsync();
        var events = (await admin.GetAsync("/api/v1/audit?limit=500").ReadAsync<PageOf<AuditEvent>>(HttpStatusCode.OK)).Items.Reverse().ToList();
        events.Count.ShouldBeGreaterThan(4);
        return (family, events);
    }

    [Fact]
    public async Task An_untouched_log_verifies_and_its_head_is_signed_by_the_published_key()
    {
        var (family, events) = await SealedHistoryAsync();

        var verdict = await VerifyAsync(family.Admin);
        verdict.ShouldBe(verdict with { Valid = true, Events = events.Count, Unsealed = 0, Break = null, FirstBrokenEventId = null });
        var head = verdict.Head.ShouldNotBeNull();
        head.Sequence.ShouldBe(events.Count);

        // Checked the way an outsider would: the published PEM, the documented message, no project code.
        var key = await App.CreateClient().GetAsync("/api/v1/audit/signing-key").ReadAsync<SigningKey>(HttpStatusCode.OK);
        key.Algorithm.ShouldBe("ES256");
        head.KeyId.ShouldBe(key.KeyId);
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.PublicKeyPem);
        var message = HeadMessage(family.MspId, head);
        ecdsa.VerifyData(message, Convert.FromBase64String(head.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).ShouldBeTrue();
        message[^3] ^= 1;
        ecdsa.VerifyData(message, Convert.FromBase64String(head.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).ShouldBeFalse();

        // Each tenant has its own chain: the client's verifies on its own.
        var client = await VerifyAsync(family.Client("Acme").Admin);
        client.Valid.ShouldBeTrue();
        client.Head.ShouldNotBeNull().Sequence.ShouldBe(client.Events);
    }

    [Fact]
    public async Task New_events_wait_unsealed_without_breaking_the_log_and_the_next_seal_extends_the_chain()
    {
        var (family, events) = await SealedHistoryAsync();
        await family.Admin.Api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "Firewall", secret = "s3cret" }).CreatedIdAsync();

        var waiting = await VerifyAsync(family.Admin);
        waiting.Valid.ShouldBeTrue();
        waiting.Events.ShouldBe(events.Count);
        waiting.Unsealed.ShouldBeGreaterThan(0);

        (await SealAsync()).ShouldBe((int)waiting.Unsealed);
        var sealedAgain = await VerifyAsync(family.Admin);
        sealedAgain.ShouldBe(sealedAgain with { Valid = true, Events = waiting.Events + waiting.Unsealed, Unsealed = 0 });
        (await SealAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_changed_event_is_named_as_the_first_broken_one()
    {
        var (family, events) = await SealedHistoryAsync();
        var victim = events[2];

        await Db.TamperAsync($"UPDATE {Events} SET \"ActorName\" = 'someone else' WHERE \"Id\" = {Db.Literal(victim.Id)}");

        var verdict = await VerifyAsync(family.Admin);
        verdict.ShouldBe(verdict with { Valid = false, Break = "event-changed", FirstBrokenEventId = victim.Id, Events = 2 });
    }

    [Fact]
    public async Task A_name_kept_with_an_event_is_in_its_hash_so_renaming_it_behind_the_logs_back_breaks_the_chain()
    {
        var (family, events) = await SealedHistoryAsync();
        var victim = events.First(e => e.Type == "credential.revealed");
        var targets = Db.Table("audit", "event_targets");

        await Db.TamperAsync($"""
            UPDATE {targets} SET "Name" = 'Some other switch'
            WHERE "Kind" = 'credential' AND "EventSequence" = (SELECT "Sequence" FROM {Events} WHERE "Id" = {Db.Literal(victim.Id)})
            """);

        var verdict = await VerifyAsync(family.Admin);
        verdict.ShouldBe(verdict with { Valid = false, Break = "event-changed", FirstBrokenEventId = victim.Id, Events = events.ToList().IndexOf(victim) });
    }

    [Fact]
    public async Task A_deleted_event_is_named_by_the_link_that_still_holds_its_place()
    {
        var (family, events) = await SealedHistoryAsync();
        var victim = events[3];

        await Db.TamperAsync($"DELETE FROM {Events} WHERE \"Id\" = {Db.Literal(victim.Id)}");

        var verdict = await VerifyAsync(family.Admin);
        verdict.ShouldBe(verdict with { Valid = false, Break = "event-missing", FirstBrokenEventId = victim.Id, Events = 3 });
    }

    [Fact]
    public async Task An_event_deleted_with_its_link_breaks_the_chain_at_the_next_event()
    {
        var (family, events) = await SealedHistoryAsync();
        var victim = events[1];

        await Db.TamperAsync(
            $"DELETE FROM {Links} WHERE \"EventId\" = {Db.Literal(victim.Id)}; DELETE FROM {Events} WHERE \"Id\" = {Db.Literal(victim.Id)}");

        var verdict = await VerifyAsync(family.Admin);
        verdict.ShouldBe(verdict with { Valid = false, Break = "link-missing", FirstBrokenEventId = events[2].Id, Events = 1 });
    }

    [Fact]
    public async Task Events_cut_from_the_end_no_longer_reach_the_signed_head()
    {
        var (family, events) = await SealedHistoryAsync();
        var last = events[^1];

        await Db.TamperAsync(
            $"DELETE FROM {Links} WHERE \"EventId\" = {Db.Literal(last.Id)}; DELETE FROM {Events} WHERE \"Id\" = {Db.Literal(last.Id)}");

        var verdict = await VerifyAsync(family.Admin);
        verdict.ShouldBe(verdict with { Valid = false, Break = "head-mismatch", FirstBrokenEventId = null, Events = events.Count - 1 });
    }

    [Fact]
    public async Task Two_events_swapped_in_the_chain_break_it_at_the_first_of_them()
    {
        var (family, events) = await SealedHistoryAsync();
        var (first, second) = (events[1], events[2]);
        string Sequence(AuditEvent e) => $"(SELECT \"Sequence\" FROM {Events} WHERE \"Id\" = {Db.Literal(e.Id)})";
        var (firstSequence, secondSequence) = (await Db.ScalarAsync<long>($"SELECT {Sequence(first)}"), await Db.ScalarAsync<long>($"SELECT {Sequence(second)}"));

        await Db.TamperAsync($"""
            UPDATE {Links} SET "EventSequence" = -1, "EventId" = {Db.Literal(Guid.Empty)} WHERE "EventSequence" = {firstSequence};
            UPDATE {Links} SET "EventSequence" = {firstSequence}, "EventId" = {Db.Literal(first.Id)} WHERE "EventSequence" = {secondSequence};
            UPDATE {Links} SET "EventSequence" = {secondSequence}, "EventId" = {Db.Literal(second.Id)} WHERE "EventSequence" = -1;
            """);

        var verdict = await VerifyAsync(family.Admin);
        verdict.ShouldBe(verdict with { Valid = false, Break = "event-changed", FirstBrokenEventId = second.Id, Events = 1 });
    }

    [Fact]
    public async Task An_event_inserted_into_the_past_is_named_before_and_after_the_sealer_links_it()
    {
        var (family, events) = await SealedHistoryAsync();
        var forged = Guid.NewGuid();
        const string Columns = "\"TenantId\", \"FamilyId\", \"TenantName\", \"Type\", \"ActorUserId\", \"ActorName\", \"ActorTenantId\", \"ActorTenantName\", "
            + "\"Ip\", \"UserAgent\", \"Outcome\", \"Details\"";

        await Db.TamperAsync($"""
            INSERT INTO {Events} ("Id", "At", {Columns})
            SELECT {Db.Literal(forged)}, {Db.Literal(events[0].At.AddHours(-1))}, {Columns} FROM {Events} WHERE "Id" = {Db.Literal(events[1].Id)}
            """);

        var unsealed = await VerifyAsync(family.Admin);
        unsealed.ShouldBe(unsealed with { Valid = false, Break = "unsealed", FirstBrokenEventId = forged, Events = events.Count, Unsealed = 1 });

        (await SealAsync()).ShouldBe(1);
        var linked = await VerifyAsync(family.Admin);
        linked.ShouldBe(linked with { Valid = false, Break = "out-of-order", FirstBrokenEventId = forged, Events = events.Count, Unsealed = 0 });
    }

    [Fact]
    public async Task A_head_moved_behind_the_logs_back_fails_its_signature_and_the_sealer_does_not_extend_it()
    {
        var (family, _) = await SealedHistoryAsync();
        var heads = Db.Table("audit", "chain_heads");

        // Claiming retention removed everything (the start moved to the end) would leave nothing to check.
        await Db.TamperAsync($"UPDATE {heads} SET \"StartIndex\" = \"Index\", \"StartHash\" = \"Hash\" WHERE \"TenantId\" = {Db.Literal(family.MspId)}");
        var verdict = await VerifyAsync(family.Admin);
        verdict.ShouldBe(verdict with { Valid = false, Break = "head-signature", Events = 0 });

        await family.Admin.Api.PostAsJsonAsync("/api/v1/credentials", new { kind = "Password", name = "After", secret = "s3cret" }).CreatedIdAsync();
        await SealAsync();
        var after = await VerifyAsync(family.Admin);
        after.Break.ShouldBe("head-signature");
        after.Unsealed.ShouldBeGreaterThan(0); // not linked onto a head the key did not sign
        after.Head.ShouldBe(verdict.Head);
    }

    [Fact]
    public async Task The_applications_connection_cannot_update_or_delete_audit_rows()
    {
        var (_, events) = await SealedHistoryAsync();
        var victim = Db.Literal(events[1].Id);
        var targets = Db.Table("audit", "event_targets");
        string[] refused =
        [
            $"UPDATE {Events} SET \"ActorName\" = 'x' WHERE \"Id\" = {victim}",
            $"DELETE FROM {Events} WHERE \"Id\" = {victim}",
            $"UPDATE {targets} SET \"Kind\" = 'x'",
            $"DELETE FROM {targets}",
            $"UPDATE {Links} SET \"Hash\" = \"Hash\"",
            $"DELETE FROM {Links}",
        ];
        if (Db.Provider == SecureShare.BuildingBlocks.Persistence.DatabaseProvider.PostgreSql)
        {
            refused = [.. refused, $"TRUNCATE {Events} CASCADE", $"TRUNCATE {Links}"];
        }

        foreach (var sql in refused)
        {
            var error = await Should.ThrowAsync<System.Data.Common.DbException>(() => Db.ExecuteAsync(sql), sql);
            error.Message.ShouldContain("append-only", Case.Insensitive, sql);
        }

        (await Db.ScalarAsync<long>($"SELECT COUNT(*) FROM {Events} WHERE \"Id\" = {victim} AND \"ActorName\" <> 'x'")).ShouldBe(1);
    }

    /// <summary>The signed message, as decision 0028 documents it: netstrings of the head's fields.</summary>
    private static byte[] HeadMessage(Guid tenantId, SignedHead head)
    {
        var fields = new[]
        {
            "secureshare-audit-head-v1", tenantId.ToString("D"), head.Sequence.ToString(CultureInfo.InvariantCulture), head.Hash,
            head.StartSequence.ToString(CultureInfo.InvariantCulture), head.StartHash ?? "", head.SignedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        };
        return Encoding.UTF8.GetBytes(string.Concat(fields.Select(f => $"{Encoding.UTF8.GetByteCount(f)}:{f},")));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditTamperTests_Sqlite(SqliteApp app) : AuditTamperTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditTamperTests_Postgres(PostgresApp app) : AuditTamperTests(app);
