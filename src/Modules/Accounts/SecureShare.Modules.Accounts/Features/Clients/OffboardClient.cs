using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Services;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Accounts.Features.Clients;

/// <summary>What becomes of an offboarded client.</summary>
public enum OffboardThen
{
    /// <summary>Kept, but nobody of it signs in (its sessions and API keys stop at once).</summary>
    [JsonStringEnumMemberName("suspend")]
    Suspend,

    /// <summary>Suspended, and its data key destroyed: its ciphertexts can never be read again.</summary>
    [JsonStringEnumMemberName("delete")]
    Delete,
}

/// <summary>
/// An MSP Admin offboards one of its clients in one action: every share both ways ends (each credential flagged needs
/// rotation) with every link of those credentials and every link the client made, the folder rules between them go,
/// every session of the client ends, and the client is suspended or deleted. With a <c>handoverPassword</c>, first the
/// client's own credentials go into a handover package sealed under that password, for the MSP to download and give the
/// client (<c>GET /clients/{id}/handover</c>). With <c>dryRun</c> nothing changes and the answer says what would end;
/// otherwise the request answers 202 and a job does it all in one transaction.
/// </summary>
public static class OffboardClient
{
    public sealed record Body(bool DryRun = false, string? HandoverPassword = null, OffboardThen? Then = null)
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>
    /// <paramref name="HandoverId"/> is set only on the way to the job, in place of the password: the keys the password
    /// gives, derived during the request and held in the MSP's tenant (<see cref="StartAsync"/>), so that the job record
    /// holds neither, and the job derives no key in its transaction.
    /// </summary>
    public sealed record Command(Guid Id, bool DryRun, string? HandoverPassword, OffboardThen? Then, Guid? HandoverId = null) : ICommand<Response>, IAuditsRefusals
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>
    /// What ended (or would): shares each way, folder rules, links, sessions, and the client's state after; the client's
    /// own credentials (what a handover package holds) and, once made, where to download the package.
    /// </summary>
    public sealed record Response(
        Guid ClientId, string ClientName, bool DryRun, TenantState State, int SharedOut, int SharedIn, int RulesRemoved, int Users, int LinksRevoked, int SessionsEnded,
        int OwnCredentials, string? HandoverPackage);

    /// <summary>Starts the offboarding as a job, once its checks pass: the API's route and the UI's page alike.</summary>
    public static Task<JobTicket> StartAsync(IJobs jobs, ISender sender, Command command, CancellationToken ct) =>
        jobs.StartAsync(command, Ability.Administer, 0, ct, async (checkedCommand, t) =>
        {
            if (checkedCommand.HandoverPassword is not { } password)
            {
                return checkedCommand;
            }

            var key = await sender.Send(new DeriveHandoverKey(checkedCommand.Id, password), t); // the client checked first: a 404 derives nothing
            try
            {
                return checkedCommand with { HandoverPassword = null, HandoverId = await sender.Send(new HoldHandoverKey(checkedCommand.Id, key), t) };
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key.Encryption);
                CryptographicOperations.ZeroMemory(key.Authentication);
            }
        });

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/clients/{id}/offboard", async Task<Results<Ok<Response>, Accepted<JobTicket>>> (Guid id, Body body, IMediator mediator, IJobs jobs, CancellationToken ct) =>
            {
                var command = new Command(id, body.DryRun, body.HandoverPassword, body.Then);
                if (command.DryRun)
                {
                    return TypedResults.Ok(await mediator.Send(command, ct));
                }

                var job = await StartAsync(jobs, mediator, command, ct);
                return TypedResults.Accepted(job.Location, job);
            })
            .WithSummary("MSP Admin: offboard a client — optionally hand its own credentials over in a password-protected package, end every share both ways and their links, then suspend or delete it (dryRun: what would end; otherwise 202 and a job).");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Then).NotNull().When(c => !c.DryRun).WithMessage("then is suspend or delete.");
            RuleFor(c => c.HandoverPassword).Cascade(CascadeMode.Stop)
                .MinimumLength(HandoverPasswordLength).WithMessage($"The handover password is at least {HandoverPasswordLength} characters: the package may travel far.")
                .MaximumLength(1024).WithMessage("The handover password is at most 1,024 characters.");
        }
    }

    /// <summary>As an export's password (the package is one).</summary>
    public const int HandoverPasswordLength = 12;

    internal sealed class Handler(
        AccountsDbContext db, ModuleDbContextFactory<AccountsDbContext> contexts, ICurrentUser caller, ISender mediator, SessionLifetimes sessions,
        TenantStore tenants, JobProgress progress, IAuditTrail audit, TimeProvider clock, DbSession session)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var client = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == command.Id && t.ParentMspId == me.Tenant.Id && t.Kind == TenantKind.Client && t.State != TenantState.Deleted, ct)
                ?? throw new NotFoundException("Client");
            var info = client.ToInfo();
            var (users, own) = await CountAsync(info, ct);
            var ending = await mediator.Send(new EndPartnership(client.Id, DryRun: true), ct);
            progress.Report(0, ending.SharedOut + ending.SharedIn + 1);
            if (command.DryRun)
            {
                return new Response(client.Id, client.Name, true, client.State, ending.SharedOut, ending.SharedIn, ending.RulesRemoved, users, 0, 0, own, null);
            }

            // The package first: it reads the client's credentials before any of its keys or shares change.
            var handover = command.HandoverId is { } held ? await mediator.Send(new MakeHandoverPackage(info, held), ct) : (int?)null;
            var ended = await mediator.Send(new EndPartnership(client.Id, DryRun: false), ct);
            progress.Report(ended.SharedOut + ended.SharedIn, ended.SharedOut + ended.SharedIn + 1);
            var then = command.Then!.Value;
            int links, sessionsEnded;
            using (TenantContext.Begin(info))
            {
                links = await mediator.Send(new RevokeLinkShares(null, "client offboarded"), ct);
                var theirs = contexts.Create();
                sessionsEnded = await sessions.EndAsync(theirs, theirs.Sessions, "client offboarded", ct);
                if (then == OffboardThen.Delete)
                {
                    await mediator.Send(new DestroyDataKey(), ct);
                }
            }

            // Only from the state read above: an offboarding that ran meanwhile (it held the family lock) is not undone.
            var (was, state, now) = (client.State, then == OffboardThen.Delete ? TenantState.Deleted : TenantState.Suspended, clock.GetUtcNow());
            if (await db.Tenants.Where(t => t.Id == client.Id && t.State == was)
                    .ExecuteUpdateAsync(t => t.SetProperty(x => x.State, state).SetProperty(x => x.OffboardedAt, now), ct) == 0)
            {
                throw new ConflictException($"{client.Name} was offboarded meanwhile: look again before offboarding it.");
            }

            await RecordAsync(me.Tenant, info, then, ended, links, handover, ct);
            await session.AfterCommitAsync(() =>
            {
                tenants.Forget(client.Id);
                return Task.CompletedTask;
            });
            return new Response(
                client.Id, client.Name, false, state, ended.SharedOut, ended.SharedIn, ended.RulesRemoved, users, ended.LinksRevoked + links, sessionsEnded,
                own, handover is null ? null : $"/api/v1/clients/{client.Id}/handover");
        }

        /// <summary>The client's enabled users, and the credentials it owns.</summary>
        private async Task<(int Users, int Credentials)> CountAsync(TenantInfo client, CancellationToken ct)
        {
            using (TenantContext.Begin(client))
            {
                return (await contexts.Create().Users.CountAsync(u => !u.IsDisabled, ct), (await mediator.Send(new ListOwnPlacements(null), ct)).FolderOf.Count);
            }
        }

        /// <summary>The offboarding in both logs: the MSP's, and the client's own (kept, as its audit log is, for the retention period).</summary>
        private async Task RecordAsync(TenantInfo msp, TenantInfo client, OffboardThen then, PartnershipEnded ended, int links, int? handover, CancellationToken ct)
        {
            var details = new Dictionary<string, string>
            {
                ["then"] = then == OffboardThen.Delete ? "delete" : "suspend",
                ["sharesEnded"] = ended.CredentialIds.Count.ToString(CultureInfo.InvariantCulture),
                ["linksRevoked"] = (ended.LinksRevoked + links).ToString(CultureInfo.InvariantCulture),
            };
            if (handover is { } packaged)
            {
                details["handoverCredentials"] = packaged.ToString(CultureInfo.InvariantCulture);
            }

            await audit.RecordAsync(new AuditRecord(AccountAuditEvents.ClientOffboarded, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Tenant, client.Id, client.Name)], details), ct);
            using (TenantContext.Begin(client))
            {
                await audit.RecordAsync(new AuditRecord(AccountAuditEvents.TenantOffboarded, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Tenant, msp.Id, msp.Name)], details), ct);
            }
        }
    }
}
