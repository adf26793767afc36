using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Tests;

public sealed class TenantContextTests
{
    private static TenantInfo Msp(string name) => new(Guid.NewGuid(), name.ToLowerInvariant(), name, TenantKind.Msp, null);

    [Fact]
    public void A_scope_sets_the_tenant_and_disposing_restores_the_previous_one()
    {
        var outer = Msp("Outer");
        var inner = Msp("Inner");
        TenantContext.Current.ShouldBeNull();
        using (TenantContext.Begin(outer))
        {
            TenantContext.Current.ShouldBe(outer);
            using (TenantContext.Begin(inner))
            {
                TenantContext.Current.ShouldBe(inner);
            }

            TenantContext.Current.ShouldBe(outer);
        }

        TenantContext.Current.ShouldBeNull();
    }

    [Fact]
    public async Task The_tenant_flows_across_awaits_and_does_not_leak_into_parallel_flows()
    {
        var a = Msp("A");
        var b = Msp("B");
        async Task<TenantInfo?> RunIn(TenantInfo tenant)
        {
            using (TenantContext.Begin(tenant))
            {
                await Task.Delay(20);
                await Task.Yield();
                return TenantContext.Current;
            }
        }

        var results = await Task.WhenAll(RunIn(a), RunIn(b));
        results.ShouldBe([a, b]);
        TenantContext.Current.ShouldBeNull();
    }

    [Fact]
    public void A_client_belongs_to_its_parent_msps_family()
    {
        var msp = Msp("Parent");
        var client = new TenantInfo(Guid.NewGuid(), "client", "Client", TenantKind.Client, msp.Id);
        msp.FamilyId.ShouldBe(msp.Id);
        client.FamilyId.ShouldBe(msp.Id);
    }
}
