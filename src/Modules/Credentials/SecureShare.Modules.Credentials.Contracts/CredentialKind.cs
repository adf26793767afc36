namespace SecureShare.Modules.Credentials.Contracts;

/// <summary>Password (username, password, URL), Note (secure text), ApiSecret (key id, secret, endpoint), File (its attached files are the secret).</summary>
public enum CredentialKind
{
    Password,
    Note,
    ApiSecret,
    File,
}
