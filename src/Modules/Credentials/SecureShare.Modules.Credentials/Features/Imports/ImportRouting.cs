using System.Text.Json;
using System.Text.Json.Serialization;
using Mediator;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Contracts;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>Where an MSP puts the rows of one client of an MSP format.</summary>
public enum ClientPlacement
{
    /// <summary>In the client's own tenant (its tree at the client's top): the client owns them.</summary>
    [JsonStringEnumMemberName("client")]
    Client,

    /// <summary>In the MSP's folder for the client, shared with the client (everyone there, View): the MSP owns them.</summary>
    [JsonStringEnumMemberName("shared")]
    Shared,

    /// <summary>In the MSP's folder for the client, not shared.</summary>
    [JsonStringEnumMemberName("msp")]
    Msp,
}

/// <summary>The MSP's decision for one client name of the file: a placement and, for client and shared, the client tenant.</summary>
public sealed record ClientRoute(ClientPlacement Placement, Guid? TenantId);

/// <summary>
/// What the import does (or would do) with one client name of the file: how many rows, where they go, and the client
/// tenant of that name when there is one (<see cref="Matched"/>). Without the MSP's decision, rows go to the matching
/// client tenant, else to the MSP's folder for the client, and <see cref="Proposal"/> says what to do.
/// </summary>
public sealed record ClientReport(string Client, int Entries, ClientPlacement Placement, Guid? TenantId, string? TenantName, bool Matched, string? Proposal);

/// <summary>Where a group of entries is written: a tenant, the folder the tree goes below, a client folder first, a client to share with.</summary>
internal sealed record ImportTarget(TenantInfo Tenant, Guid? Under, string? ClientFolder, Guid? ShareWith)
{
    public IReadOnlyList<string> PathOf(ImportedEntry entry) => ClientFolder is null ? entry.FolderPath : [ClientFolder, .. entry.FolderPath];
}

/// <summary>
/// Routes the rows of the MSP formats (Passportal, IT Glue, Hudu, a generic CSV's client column) to clients: each client
/// name of the file goes as <c>clientMapping</c> says, or, without a word for it, to the MSP's client tenant of that name
/// (any case), else to the MSP's folder for it. Another MSP's tenant, or a tenant that is not this MSP's client, is a 404.
/// A client tenant imports nothing elsewhere: its rows' client names are not routes.
/// </summary>
internal static class ImportRouting
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Dictionary<string, ClientRoute> ParseMapping(string value)
    {
        const string Shape = "clientMapping is a JSON object of client name → {\"placement\": \"client\"|\"shared\"|\"msp\", \"tenantId\": a client tenant's id}.";
        try
        {
            var mapping = JsonSerializer.Deserialize<Dictionary<string, ClientRoute>>(value, Json) ?? throw ValidationFailedException.For("clientMapping", Shape);
            if (mapping.Any(m => m.Value is null || (m.Value.Placement != ClientPlacement.Msp && m.Value.TenantId is null)))
            {
                throw ValidationFailedException.For("clientMapping", "A client placed in a client tenant or shared with one names its tenantId.");
            }

            return new Dictionary<string, ClientRoute>(mapping.Select(m => KeyValuePair.Create(m.Key.Trim(), m.Value)), StringComparer.OrdinalIgnoreCase);
        }
        catch (JsonException)
        {
            throw ValidationFailedException.For("clientMapping", Shape);
        }
    }

    /// <summary>The target of every entry, and the report of every client name.</summary>
    public static async Task<(Func<ImportedEntry, ImportTarget> TargetOf, IReadOnlyList<ClientReport> Clients)> RouteAsync(
        SessionPrincipal me, ImportFields fields, IReadOnlyList<ImportedEntry> entries, ISender sender, ITenantStore tenants, CancellationToken ct)
    {
        var own = new ImportTarget(me.Tenant, fields.FolderId, null, null);
        var names = entries.Select(e => e.Client).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var mapping = fields.ClientMapping ?? new Dictionary<string, ClientRoute>(StringComparer.OrdinalIgnoreCase);
        if (me.Tenant.Kind != TenantKind.Msp)
        {
            return mapping.Count > 0 ? throw ValidationFailedException.For("clientMapping", "Only an MSP routes rows to clients.") : (_ => own, []);
        }

        if (mapping.Keys.FirstOrDefault(k => !names.Contains(k, StringComparer.OrdinalIgnoreCase)) is { } stray)
        {
            throw ValidationFailedException.For("clientMapping", $"clientMapping names the client \"{stray}\", which no row of the file has.");
        }

        var clients = (await sender.Send(new ListSharingPartners(), ct)).Where(c => c.State == TenantState.Active).ToList();
        var targets = new Dictionary<string, ImportTarget>(StringComparer.OrdinalIgnoreCase);
        var reports = new List<ClientReport>();
        foreach (var name in names)
        {
            var match = clients.FirstOrDefault(c => string.Equals(c.Name.Trim(), name, StringComparison.OrdinalIgnoreCase));
            var route = mapping.GetValueOrDefault(name) ?? new ClientRoute(match is null ? ClientPlacement.Msp : ClientPlacement.Client, match?.Id);
            var client = route.Placement == ClientPlacement.Msp ? null
                : await tenants.FindAsync(route.TenantId!.Value, ct) is { } t && t.IsClientOf(me.Tenant.Id) ? t
                : throw new NotFoundException("Client");
            targets[name] = route.Placement == ClientPlacement.Client
                ? new ImportTarget(client!, null, null, null)
                : new ImportTarget(me.Tenant, fields.FolderId, name, client?.Id);
            reports.Add(new ClientReport(
                name,
                entries.Count(e => string.Equals(e.Client, name, StringComparison.OrdinalIgnoreCase)),
                route.Placement,
                client?.Id,
                client?.Name,
                match is not null,
                match is null && !mapping.ContainsKey(name)
                    ? $"No client tenant is named {name}: create it (Clients) and map these rows to it, or keep them in the MSP's folder {name}."
                    : null));
        }

        return (e => e.Client is { } c && targets.TryGetValue(c, out var t) ? t : own, reports);
    }
}
