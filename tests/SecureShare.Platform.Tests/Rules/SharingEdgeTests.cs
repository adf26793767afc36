using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Sharing.Domain;

namespace SecureShare.Tests.Rules;

/// <summary>PRODUCT.md: credentials are shared between an MSP and its own clients, both ways; never client to client, never across MSPs.</summary>
public sealed class SharingEdgeTests
{
    private static readonly TenantInfo Msp = new(Guid.NewGuid(), "msp", "Demo MSP", TenantKind.Msp, null);
    private static readonly TenantInfo OtherMsp = new(Guid.NewGuid(), "other", "Other MSP", TenantKind.Msp, null);
    private static readonly TenantInfo Client = new(Guid.NewGuid(), "client", "Contoso", TenantKind.Client, Msp.Id);
    private static readonly TenantInfo SecondClient = new(Guid.NewGuid(), "client-2", "Fabrikam", TenantKind.Client, Msp.Id);
    private static readonly TenantInfo OtherMspsClient = new(Guid.NewGuid(), "client-3", "Northwind", TenantKind.Client, OtherMsp.Id);

    [Fact]
    public void An_msp_shares_with_its_own_client_and_the_client_with_its_msp()
    {
        SharingEdge.Allows(Msp, Client).ShouldBeTrue();
        SharingEdge.Allows(Client, Msp).ShouldBeTrue();
    }

    [Fact]
    public void A_client_never_shares_with_another_client_even_of_its_own_msp()
    {
        SharingEdge.Allows(Client, SecondClient).ShouldBeFalse();
        SharingEdge.Allows(Client, OtherMspsClient).ShouldBeFalse();
    }

    [Fact]
    public void Sharing_never_crosses_to_another_msp_or_its_clients()
    {
        SharingEdge.Allows(Msp, OtherMsp).ShouldBeFalse();
        SharingEdge.Allows(Msp, OtherMspsClient).ShouldBeFalse();
        SharingEdge.Allows(OtherMspsClient, Msp).ShouldBeFalse();
    }

    [Fact]
    public void No_tenant_shares_with_itself()
    {
        SharingEdge.Allows(Msp, Msp).ShouldBeFalse();
        SharingEdge.Allows(Client, Client).ShouldBeFalse();
    }
}
