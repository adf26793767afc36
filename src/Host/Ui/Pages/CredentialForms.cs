namespace SecureShare.Host.Ui.Pages;

/// <summary>The edit form's fields; blank secret ones (secret, notes, TOTP seed, secret custom fields) keep what they hold.</summary>
public sealed class ChangeForm
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Username { get; set; }

    public string? Url { get; set; }

    public string? Tags { get; set; }

    public string? Secret { get; set; }

    public string? Notes { get; set; }

    public bool ClearNotes { get; set; }

    public string? TotpSeed { get; set; }

    public bool RemoveTotp { get; set; }

    public List<CustomFieldForm>? Fields { get; set; }
}

/// <summary>One custom field row of the edit form.</summary>
public sealed class CustomFieldForm
{
    public string? Name { get; set; }

    public string? Value { get; set; }

    public bool Secret { get; set; }

    public bool Remove { get; set; }

    public override string ToString() => SecureShare.BuildingBlocks.Security.Redacted.Text;
}


/// <summary>The link form's fields: which values the link gives, for how long, how many times, behind which passphrase.</summary>
public sealed class LinkForm
{
    public string? Title { get; set; }

    public int? ExpiresInMinutes { get; set; }

    public int? MaxViews { get; set; }

    public string? Passphrase { get; set; }

    public List<string>? Fields { get; set; }

    public List<Guid>? AttachmentIds { get; set; }
}
