using Mediator;
using OtpNet;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Credentials;

/// <summary>
/// The current one-time code of a credential with a TOTP seed (RFC 6238: SHA-1, six digits, 30 seconds, as authenticator
/// apps use), and how long it stays good: the seed never leaves the server. Audited like a reveal, in the reader's tenant and
/// the owner's, because the code opens the account for its period. No API route: the web UI's credential page and list ask.
/// </summary>
public static class GetTotpCode
{
    public sealed record Command(Guid Id) : ICommand<TotpCodeDto>;

    internal sealed class Handler(VisibleCredentials credentials, TenantKeys keys, ICurrentUser caller, IAuditTrail audit, TimeProvider clock)
        : ICommandHandler<Command, TotpCodeDto>
    {
        public async ValueTask<TotpCodeDto> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Use);
            var (credential, key, owner) = await credentials.LoadSecretsAsync(command.Id, keys, ct);
            var seed = credential.Reveal(key).TotpSeed;
            if (string.IsNullOrEmpty(seed))
            {
                throw ValidationFailedException.For("id", "This credential has no TOTP seed: add one on its page to get codes.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var totp = new Totp(Base32Encoding.ToBytes(seed));
            var code = new TotpCodeDto(totp.ComputeTotp(now), totp.RemainingSeconds(now));
            await audit.RecordOnBothSidesAsync(owner, new AuditRecord(CredentialAuditEvents.TotpCodeRead, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Credential, credential.Id, credential.Name)]), ct);
            return code;
        }
    }
}

/// <summary>A one-time code and the seconds it stays good.</summary>
public sealed record TotpCodeDto(string Code, int SecondsLeft)
{
    public override string ToString() => Redacted.Text;
}
