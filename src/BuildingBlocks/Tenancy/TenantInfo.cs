namespace SecureShare.BuildingBlocks.Tenancy;

public enum TenantKind
{
    Msp,
    Client,
}

/// <summary>What every layer may know about a tenant. A client always names its parent MSP.</summary>
public sealed record TenantInfo(Guid Id, string Identifier, string Name, TenantKind Kind, Guid? ParentMspId)
{
    /// <summary>The MSP family: the MSP's own id, or a client's parent. Sharing never leaves a family.</summary>
    public Guid FamilyId => Kind == TenantKind.Msp ? Id : ParentMspId!.Value;
}
