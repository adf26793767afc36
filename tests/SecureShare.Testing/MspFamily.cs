using System.Net;
using System.Net.Http.Json;

namespace SecureShare.Testing;

/// <summary>Someone of the family, signed in: their user id, tenant and a client that sends their token.</summary>
public sealed record Person(string Email, Guid UserId, Guid TenantId, HttpClient Api);

/// <summary>A client tenant of the family: its id, name, site admin, and groups by name.</summary>
public sealed record ClientSite(Guid Id, string Name, Person Admin, IReadOnlyDictionary<string, Guid> Groups);

/// <summary>
/// An MSP family as a test needs it: the MSP (its admin, technicians and members) and its clients (each with a site
/// admin, users and security groups), everyone signed in. People are found by the short names the test gave them.
/// </summary>
public sealed class MspFamily
{
    private readonly Dictionary<string, Person> _people;
    private readonly Dictionary<string, ClientSite> _clients;

    internal MspFamily(Msp msp, Person admin, Dictionary<string, Person> people, Dictionary<string, ClientSite> clients, IReadOnlyDictionary<string, Guid> groups)
    {
        Msp = msp;
        Admin = admin;
        _people = people;
        _clients = clients;
        Groups = groups;
    }

    public Msp Msp { get; }

    public Guid MspId => Msp.TenantId;

    /// <summary>The MSP's admin.</summary>
    public Person Admin { get; }

    /// <summary>The MSP's own security groups by name.</summary>
    public IReadOnlyDictionary<string, Guid> Groups { get; }

    /// <summary>A person by the name the builder gave them (in the MSP or in a client).</summary>
    public Person this[string name] => _people[name];

    public ClientSite Client(string name) => _clients[name];
}

/// <summary>Builds an <see cref="MspFamily"/> through the API, as an MSP admin and site admins would.</summary>
public sealed class MspFamilyBuilder(TestApp app)
{
    private readonly ClientBuilder _msp = new();
    private readonly List<(string Name, ClientBuilder Client)> _clients = [];

    /// <summary>An MSP user in the role (Technician or Member), known to the test by <paramref name="name"/>.</summary>
    public MspFamilyBuilder With(string name, string role)
    {
        _msp.With(name, role);
        return this;
    }

    /// <summary>An MSP security group of the named people.</summary>
    public MspFamilyBuilder Group(string name, params string[] members)
    {
        _msp.Group(name, members);
        return this;
    }

    /// <summary>A client tenant; <paramref name="configure"/> adds its users and groups.</summary>
    public MspFamilyBuilder Client(string name, Action<ClientBuilder>? configure = null)
    {
        var client = new ClientBuilder();
        configure?.Invoke(client);
        _clients.Add((name, client));
        return this;
    }

    public async Task<MspFamily> BuildAsync()
    {
        var msp = await app.SignupMspAsync();
        var admin = await PersonAsync(msp.AdminEmail, msp.AdminId, msp.TenantId);
        var people = new Dictionary<string, Person>();
        foreach (var (name, role) in _msp.People)
        {
            people[name] = await AddAsync(admin, name, role);
        }

        var groups = await GroupsAsync(admin.Api, _msp.Groups, people);
        var clients = new Dictionary<string, ClientSite>();
        foreach (var (name, builder) in _clients)
        {
            var (id, siteApi, siteAdminEmail) = await app.CreateClientTenantAsync(admin.Api, name);
            var me = await siteApi.GetAsync("/api/v1/me").ReadAsync<Me>(HttpStatusCode.OK);
            var siteAdmin = new Person(siteAdminEmail, me.UserId, id, siteApi);
            foreach (var (person, role) in builder.People)
            {
                people[person] = await AddAsync(siteAdmin, person, role);
            }

            clients[name] = new ClientSite(id, name, siteAdmin, await GroupsAsync(siteAdmin.Api, builder.Groups, people));
        }

        return new MspFamily(msp, admin, people, clients, groups);
    }

    private async Task<Person> AddAsync(Person admin, string name, string role)
    {
        var email = Api.UniqueEmail(name);
        var id = await admin.Api.CreateUserAsync(email, role);
        return await PersonAsync(email, id, admin.TenantId);
    }

    private async Task<Person> PersonAsync(string email, Guid userId, Guid tenantId) =>
        new(email, userId, tenantId, await app.ClientForAsync(email));


    private static async Task<IReadOnlyDictionary<string, Guid>> GroupsAsync(HttpClient admin, List<(string Name, string[] Members)> groups, Dictionary<string, Person> people)
    {
        var ids = new Dictionary<string, Guid>();
        foreach (var (name, members) in groups)
        {
            ids[name] = (await admin.PostAsJsonAsync("/api/v1/groups", new { name, memberIds = members.Select(m => people[m].UserId).ToArray() })
                .ReadAsync<Created>(HttpStatusCode.Created)).Id;
        }

        return ids;
    }

    /// <summary>A tenant's users (besides its admin) and security groups.</summary>
    public sealed class ClientBuilder
    {
        internal List<(string Name, string Role)> People { get; } = [];

        internal List<(string Name, string[] Members)> Groups { get; } = [];

        public ClientBuilder With(string name, string role)
        {
            People.Add((name, role));
            return this;
        }

        public ClientBuilder Group(string name, params string[] members)
        {
            Groups.Add((name, members));
            return this;
        }
    }
}

public static class MspFamilies
{
    /// <summary>Starts an MSP family: <c>await App.Family().With("tech", "Technician").Client("Client A", c => …).BuildAsync()</c>.</summary>
    public static MspFamilyBuilder Family(this TestApp app) => new(app);
}
