using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Credentials;

/// <summary>
/// Onboarding a client's credentials in one go (an export from another vault, a spreadsheet): up to
/// 10,000 per request into one folder, all or nothing, each audited as created. Set-based: a constant
/// number of SQL statements whatever the number.
/// </summary>
public static class ImportCredentials
{
    public const int MaxItems = 10_000;

    public sealed record Item(CredentialKind? Kind, string? Name, string? Description, string? Username, string? Secret, string? Url, string? Notes, IReadOnlyList<string>? Tags)
        : ICredentialFields
    {
        public IReadOnlyList<CustomFieldInput>? CustomFields => null;

        public string? TotpSeed => null;

        public override string ToString() => Redacted.Text;
    }

    public sealed record Command(Guid? FolderId, IReadOnlyList<Item>? Credentials) : ICommand<Response>
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Response(int Created, IReadOnlyList<Guid> Ids);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/credentials/import", async (Command command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .WithSummary("Admin or Technician: store up to 10,000 credentials at once, into one folder.");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Credentials).Cascade(CascadeMode.Stop).NotNull().WithMessage("credentials is required.")
                .Must(items => items!.Count is > 0 and <= MaxItems).WithMessage($"credentials holds 1 to {MaxItems:N0} items.");
            RuleForEach(c => c.Credentials).NotNull().WithMessage("credentials holds no null items.").When(c => c.Credentials is { Count: <= MaxItems });
            RuleForEach(c => c.Credentials).ChildRules(item =>
            {
                item.RuleFor(i => i.Kind).KnownValue();
                item.RuleFor(i => i.Kind).NotEqual(CredentialKind.File)
                    .WithMessage("A file credential is created on its own (POST /credentials with kind File, then its file as an attachment).");
                item.RuleFor(i => i.Name).NotEmpty().WithMessage("Name is required.");
                item.RuleFor(i => i.Secret).NotEmpty().When(i => i.Kind is CredentialKind.Password or CredentialKind.ApiSecret)
                    .WithMessage("A password or API secret needs its secret.");
                item.RuleFor(i => i.Notes).NotEmpty().When(i => i.Kind == CredentialKind.Note).WithMessage("A note needs its text (notes).");
                item.Include(new CredentialFieldsValidator());
            }).When(c => c.Credentials is { Count: <= MaxItems });
        }
    }

    internal sealed class Handler(CredentialsDbContext db, TenantKeys keys, ICurrentUser caller, TimeProvider clock, IAuditTrail audit, IPublisher publisher)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.ManageCredentials);
            var key = await keys.ForAsync(db, ct);
            var now = clock.GetUtcNow();
            var credentials = command.Credentials!.Select(item => CredentialStore.NewCredential(key, item.Kind!.Value, item, me.UserId, now)).ToList();

            await db.InsertManyAsync(credentials, ct);
            await db.InsertManyAsync(credentials.SelectMany(c => c.Tags).ToList(), ct);
            await publisher.Publish(new CredentialsImported(credentials.Select(c => new ImportedCredential(c.ToListing(me.Tenant.Name), command.FolderId)).ToList()), ct); // 404 for an unknown folder
            await audit.RecordManyAsync(
                credentials.Select(c => new AuditRecord(CredentialAuditEvents.Created, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Credential, c.Id, c.Name)],
                    new Dictionary<string, string> { ["kind"] = c.Kind.ToString(), ["name"] = c.Name, ["via"] = "import" })).ToList(),
                ct);
            return new Response(credentials.Count, credentials.Select(c => c.Id).ToList());
        }
    }
}
