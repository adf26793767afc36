using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Domain;
using SecureShare.Modules.Sharing.Features.Shares;

namespace SecureShare.Tests.Rules;

/// <summary>
/// PRODUCT.md: a share request gives each credential one outcome (shared, updated, unchanged or stopped), and
/// repeating a request changes nothing more.
/// </summary>
public sealed class ShareDecisionTests
{
    private static readonly Guid Nurses = Guid.NewGuid();
    private static readonly DateTimeOffset Friday = new(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

    private static ShareTerms Terms(bool enabled = true, SharePermission permission = SharePermission.View, bool everyone = false, Guid[]? groups = null, DateTimeOffset? expiresAt = null) =>
        new(enabled, permission, new ShareAudience(everyone, [], groups ?? [Nurses]), expiresAt);

    private static Share Existing(SharePermission permission = SharePermission.View, bool everyone = false, Guid[]? groups = null, DateTimeOffset? expiresAt = null) => new()
    {
        CredentialId = Guid.NewGuid(),
        TargetTenantId = Guid.NewGuid(),
        CreatedByName = "Tech",
        Permission = permission,
        AudienceEveryone = everyone,
        ExpiresAt = expiresAt,
        Audience = [.. (groups ?? [Nurses]).Select(g => new ShareAudienceMember { PrincipalId = g, Kind = PrincipalKind.Group })],
    };

    [Fact]
    public void A_credential_not_yet_shared_is_shared_and_stopping_it_changes_nothing()
    {
        ShareDecision.Decide(null, Terms()).ShouldBe(ShareOutcome.Shared);
        ShareDecision.Decide(null, Terms(enabled: false)).ShouldBe(ShareOutcome.Unchanged);
    }

    [Fact]
    public void The_same_terms_again_change_nothing()
    {
        ShareDecision.Decide(Existing(expiresAt: Friday), Terms(expiresAt: Friday)).ShouldBe(ShareOutcome.Unchanged);
    }

    [Fact]
    public void Any_change_of_permission_audience_or_expiry_is_an_update()
    {
        ShareDecision.Decide(Existing(), Terms(permission: SharePermission.Edit)).ShouldBe(ShareOutcome.Updated);
        ShareDecision.Decide(Existing(), Terms(everyone: true)).ShouldBe(ShareOutcome.Updated);
        ShareDecision.Decide(Existing(), Terms(groups: [Nurses, Guid.NewGuid()])).ShouldBe(ShareOutcome.Updated);
        ShareDecision.Decide(Existing(), Terms(expiresAt: Friday)).ShouldBe(ShareOutcome.Updated);
    }

    [Fact]
    public void A_shared_credential_is_stopped_whatever_its_terms() =>
        ShareDecision.Decide(Existing(permission: SharePermission.Edit, everyone: true), Terms(enabled: false)).ShouldBe(ShareOutcome.Stopped);
}
