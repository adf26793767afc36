using Mediator;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.ContractHandlers;

/// <summary>
/// A user is leaving: each credential they could still know is flagged to rotate in its origin tenant, and the origin's
/// log says why (the user, the reason), inside the caller's transaction. One already flagged is left as it is (a second
/// offboarding writes nothing new into a partner's log).
/// </summary>
internal sealed class FlagExposedCredentialsHandler(ExposureReport exposure, ITenantStore tenants, IMediator mediator, IAuditTrail audit)
    : ICommandHandler<FlagExposedCredentials, IReadOnlyList<ExposedTenant>>
{
    public async ValueTask<IReadOnlyList<ExposedTenant>> Handle(FlagExposedCredentials command, CancellationToken ct)
    {
        var exposed = await exposure.OfAsync(command.UserId, ct);
        var flagged = new List<ExposedTenant>();
        foreach (var origin in exposed)
        {
            var tenant = await tenants.FindAsync(origin.TenantId, ct);
            if (tenant is null)
            {
                continue;
            }

            using (TenantContext.Begin(tenant))
            {
                var toFlag = origin.Credentials.Where(c => !c.NeedsRotation).ToList();
                if (toFlag.Count == 0)
                {
                    flagged.Add(origin);
                    continue;
                }

                await mediator.Send(new FlagNeedsRotation(toFlag.Select(c => c.CredentialId).ToList()), ct);
                var user = new AuditTarget(AuditTargetKinds.User, command.UserId, command.UserName);
                await audit.RecordManyAsync(
                    toFlag.Select(c => new AuditRecord(CredentialAuditEvents.ExposureFlagged, AuditOutcome.Succeeded,
                        [new AuditTarget(AuditTargetKinds.Credential, c.CredentialId, c.Name), user],
                        new Dictionary<string, string> { ["reason"] = command.Reason })).ToList(),
                    ct);
            }

            flagged.Add(origin with { Credentials = origin.Credentials.Select(c => c with { NeedsRotation = true }).ToList() });
        }

        return flagged;
    }
}
