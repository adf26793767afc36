using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Host.Ui.Layout;

/// <summary>The side navigation: which pages a caller's role and tenant reach, and which one is open.</summary>
public static class NavItems
{
    public sealed record Item(string Href, string Text, bool Administration);

    public const string SharedWithUs = "/credentials?sharing=in";

    public static IReadOnlyList<Item> For(SessionPrincipal me)
    {
        if (me.Limit != SessionLimit.None)
        {
            return []; // a one-time password to replace or a second factor to enrol first: nothing else opens yet
        }

        var items = new List<Item> { new("/", "Home", false), new("/credentials", "Credentials", false), new(SharedWithUs, "Shared with us", false), new("/folders", "Folders", false) };
        if (me.Can(Ability.ManageCredentials))
        {
            items.Add(new("/links", "Link shares", false));
        }

        if (me.Can(Ability.Administer))
        {
            if (me.Tenant.Kind == TenantKind.Msp)
            {
                items.Add(new("/clients", "Clients", true));
            }

            items.AddRange([new("/users", "Users", true), new("/groups", "Groups", true), new("/transfer", "Import and export", true), new("/audit", "Audit log", true), new("/settings", "Settings", true)]);
        }

        return items;
    }

    /// <summary>The item the page at <paramref name="pathAndQuery"/> belongs to (its first path segment; "shared with us" by its filter).</summary>
    public static string CurrentOf(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?', 2)[0];
        var section = "/" + path.TrimStart('/').Split('/', 2)[0];
        return section == "/credentials" && pathAndQuery.Contains("sharing=in", StringComparison.Ordinal) ? SharedWithUs : section;
    }
}
