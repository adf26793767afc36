namespace SecureShare.BuildingBlocks.Tenancy;

public enum TenantKind
{
    Msp,
    Client,
}

/// <summary>Whether a tenant is in use: a client its MSP offboarded is suspended (nobody signs in) or deleted (its data key destroyed).</summary>
public enum TenantState
{
    Active,
    Suspended,
    Deleted,
}

/// <summary>What every layer may know about a tenant. A client always names its parent MSP.</summary>
public sealed record TenantInfo(Guid Id, string Identifier, string Name, TenantKind Kind, Guid? ParentMspId, TenantState State = TenantState.Active)
{
    /// <summary>The MSP family: the MSP's own id, or a client's parent. Sharing never leaves a family.</summary>
    public Guid FamilyId => Kind == TenantKind.Msp ? Id : ParentMspId!.Value;

    /// <summary>Whether this tenant is a client of the MSP <paramref name="mspId"/> (never of another MSP, never an MSP).</summary>
    public bool IsClientOf(Guid mspId) => Kind == TenantKind.Client && ParentMspId == mspId;
}
