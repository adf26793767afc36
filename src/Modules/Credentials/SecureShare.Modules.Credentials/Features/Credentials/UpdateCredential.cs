using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Folders.Contracts;

namespace SecureShare.Modules.Credentials.Features.Credentials;

/// <summary>
/// Changes fields or secret values. Absent fields stay; an empty string clears an optional one;
/// tags and custom fields, when given, replace the old ones. A change of any secret value keeps
/// the previous secret state as a version and clears "needs rotation". The owning tenant's Admins
/// and Technicians may change it, and so may a target tenant's when the share grants Edit: the change
/// is written in the owning tenant (its key, its versions) and every tenant's entry follows.
/// </summary>
public static class UpdateCredential
{
    public sealed record Body(
        string? Name,
        string? Description,
        string? Username,
        string? Secret,
        string? Url,
        string? Notes,
        IReadOnlyList<string>? Tags,
        IReadOnlyList<CustomFieldInput>? CustomFields,
        string? TotpSeed)
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>The change as a command: its fields are the body's, so validation errors name the body's fields.</summary>
    /// <param name="KeepBlankSecretFields">
    /// The web UI's edit form, which never holds secret values it has not revealed: a secret custom field sent without a
    /// value keeps the value it has under that name (ticked secret or not: unticking shows it). The API sends every value it
    /// means (false).
    /// </param>
    public sealed record Command(Guid Id, Body Changes, bool KeepBlankSecretFields = false) : ICommand<CredentialDto>, ICredentialFields
    {
        public string? Name => Changes.Name;

        public string? Description => Changes.Description;

        public string? Username => Changes.Username;

        public string? Secret => Changes.Secret;

        public string? Url => Changes.Url;

        public string? Notes => Changes.Notes;

        public IReadOnlyList<string>? Tags => Changes.Tags;

        public IReadOnlyList<CustomFieldInput>? CustomFields => Changes.CustomFields;

        public string? TotpSeed => Changes.TotpSeed;

        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPatch("/credentials/{id}", async (Guid id, Body body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Command(id, body), ct)))
            .WithSummary("Change a credential's fields or secret (a secret change keeps the previous value as a version).");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new CredentialFieldsValidator());
        }
    }

    internal sealed class Handler(
        VisibleCredentials credentials, TenantKeys keys, ICurrentUser caller, TimeProvider clock, IAuditTrail audit, IMediator mediator)
        : ICommandHandler<Command, CredentialDto>
    {
        public async ValueTask<CredentialDto> Handle(Command command, CancellationToken ct)
        {
            var visible = await credentials.LoadAsync(command.Id, ct);
            var me = caller.Require(Ability.ManageCredentials);
            visible.RequireEdit(me);
            var (credential, entry, owner) = visible;
            List<string> changed;
            using (visible.InOrigin())
            {
                changed = await ChangeAsync(owner, credential, entry, me, command.Changes, command.KeepBlankSecretFields, ct);
            }

            if (changed.Count > 0)
            {
                await audit.RecordOnBothSidesAsync(
                    owner,
                    new AuditRecord(CredentialAuditEvents.Updated, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Credential, credential.Id, credential.Name)],
                        new Dictionary<string, string>
                        {
                            ["changed"] = string.Join(",", changed),
                            ["secretVersion"] = credential.SecretVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        }),
                    ct);
            }

            return credential.ToDto(me, entry);
        }

        /// <summary>Applies the changes inside the owning tenant's scope, with its context and key; returns what changed.</summary>
        private async Task<List<string>> ChangeAsync(
            CredentialsDbContext db, Credential credential, VisibleEntry entry, SessionPrincipal me, Body changes, bool keepBlankSecretFields, CancellationToken ct)
        {
            var key = await keys.ForAsync(db, ct);
            var before = credential.Reveal(key);
            var changed = new List<string>();

            void Set<T>(string field, T? value, T? current, Action<T?> apply)
            {
                if (value is not null && !Equals(value, current))
                {
                    apply(value);
                    changed.Add(field);
                }
            }

            Set("name", changes.Name, credential.Name, v => credential.Name = v!);
            Set("description", changes.Description, credential.Description ?? string.Empty, v => credential.Description = CreateCredential.NullIfEmpty(v));
            Set("username", changes.Username, credential.Username ?? string.Empty, v => credential.Username = CreateCredential.NullIfEmpty(v));
            Set("url", changes.Url, credential.Url ?? string.Empty, v => credential.Url = CreateCredential.NullIfEmpty(v));
            if (changes.Tags is not null)
            {
                var tags = CredentialStore.ToTags(credential.Id, changes.Tags);
                if (!tags.Select(t => t.Tag).Order().SequenceEqual(credential.Tags.Select(t => t.Tag).Order()))
                {
                    credential.Tags.Clear();
                    credential.Tags.AddRange(tags);
                    changed.Add("tags");
                }
            }

            var fields = changes.CustomFields;
            if (fields is not null && keepBlankSecretFields)
            {
                fields = fields.Select(f => string.IsNullOrEmpty(f.Value)
                    && before.CustomFields.FirstOrDefault(b => b.Secret && string.Equals(b.Name, f.Name?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } kept
                    ? f with { Value = kept.Value }
                    : f).ToList();
            }

            var after = new SecretDto(
                changes.Secret ?? before.Secret,
                changes.Notes is null ? before.Notes : CreateCredential.NullIfEmpty(changes.Notes),
                changes.TotpSeed is null ? before.TotpSeed : CreateCredential.NormalizeTotp(changes.TotpSeed),
                fields?.Select(f => new CustomFieldDto(f.Name!, f.Secret, f.Value ?? string.Empty)).ToList() ?? before.CustomFields);
            ValidateKind(credential.Kind, after);

            if (fields is not null && !SameFields(before.CustomFields, after.CustomFields))
            {
                // Added explicitly: their ids are set already, so found through the navigation they would pass for existing rows.
                var replacements = CredentialStore.ToCustomFields(key, credential.Id, fields);
                credential.CustomFields.Clear();
                credential.CustomFields.AddRange(replacements);
                db.CustomFields.AddRange(replacements);
                changed.Add("customFields");
            }

            var secretChanged = before.Serialize() != after.Serialize();
            if (secretChanged)
            {
                db.Versions.Add(new CredentialVersion
                {
                    CredentialId = credential.Id,
                    Version = credential.SecretVersion,
                    Cipher = Envelope.Encrypt(key, credential.Id, SecretFields.Version(credential.SecretVersion), before.Serialize()),
                    ChangedByUserId = me.UserId,
                    ChangedByName = me.DisplayName,
                    ReplacedAt = clock.GetUtcNow(),
                });
                credential.SecretVersion++;
                credential.SecretCipher = CredentialStore.Encrypt(key, credential.Id, SecretFields.Secret, after.Secret);
                credential.NotesCipher = CredentialStore.Encrypt(key, credential.Id, SecretFields.Notes, after.Notes);
                credential.TotpSeedCipher = CredentialStore.Encrypt(key, credential.Id, SecretFields.TotpSeed, after.TotpSeed);
                changed.Add("secret");
                if (CredentialRotation.Rotates(credential.Kind, before, after))
                {
                    credential.NeedsRotation = false;
                    credential.SecretChangedAt = clock.GetUtcNow();
                    credential.SecretChangedByUserId = me.UserId;
                    changed.Add("rotated");
                }
            }

            if (changed.Count > 0)
            {
                credential.UpdatedAt = clock.GetUtcNow();
                await db.SaveChangesAsync(ct);
                await mediator.Publish(new CredentialChanged(credential.ToListing(entry.OriginTenantName)), ct);
            }

            return changed;
        }

        private static void ValidateKind(CredentialKind kind, SecretDto after)
        {
            if (kind is CredentialKind.Password or CredentialKind.ApiSecret && string.IsNullOrEmpty(after.Secret))
            {
                throw ValidationFailedException.For("secret", "A password or API secret needs its secret.");
            }

            if (kind == CredentialKind.Note && string.IsNullOrEmpty(after.Notes))
            {
                throw ValidationFailedException.For("notes", "A note needs its text (notes).");
            }

            if (kind == CredentialKind.File && !string.IsNullOrEmpty(after.Secret))
            {
                throw ValidationFailedException.For("secret", "A file credential's secret is its file: replace it through its attachments.");
            }
        }

        private static bool SameFields(IReadOnlyList<CustomFieldDto> a, IReadOnlyList<CustomFieldDto> b) => a.SequenceEqual(b);
    }
}
