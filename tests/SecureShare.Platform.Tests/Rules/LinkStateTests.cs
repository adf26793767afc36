using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.Links;

namespace SecureShare.Tests.Rules;

/// <summary>PRODUCT.md: a link share opens while it is live; revoked, locked by wrong passphrases, used up or expired, it is gone.</summary>
public sealed class LinkStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static LinkShare Link(int views = 0, int maxViews = 3, int failed = 0, DateTimeOffset? expiresAt = null, DateTimeOffset? revokedAt = null, bool sealedContent = true) => new()
    {
        TokenHash = [1], Title = "Wi-Fi", Fields = "secret", Nonce = [2], CreatedByName = "Tech", Ciphertext = sealedContent ? [3] : null,
        Views = views, MaxViews = maxViews, FailedAttempts = failed, ExpiresAt = expiresAt ?? Now.AddHours(1), RevokedAt = revokedAt,
    };

    [Fact]
    public void A_link_with_views_left_before_its_expiry_is_active() =>
        Link(views: 2).StateAt(Now).ShouldBe(LinkState.Active);

    [Fact]
    public void A_link_is_expired_at_its_expiry_or_once_its_content_is_gone()
    {
        Link(expiresAt: Now).StateAt(Now).ShouldBe(LinkState.Expired);
        Link(sealedContent: false).StateAt(Now).ShouldBe(LinkState.Expired);
    }

    [Fact]
    public void A_link_whose_views_are_spent_is_used_up() =>
        Link(views: 3, maxViews: 3).StateAt(Now).ShouldBe(LinkState.UsedUp);

    [Fact]
    public void Five_wrong_passphrases_lock_a_link() =>
        Link(failed: LinkLimits.MaxFailedPassphrases).StateAt(Now).ShouldBe(LinkState.Locked);

    [Fact]
    public void Revocation_wins_over_every_other_state() =>
        Link(views: 3, failed: LinkLimits.MaxFailedPassphrases, expiresAt: Now.AddDays(-1), revokedAt: Now).StateAt(Now).ShouldBe(LinkState.Revoked);
}
