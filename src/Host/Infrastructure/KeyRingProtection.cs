using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// Encrypts each key of the cookie and antiforgery key ring before it is stored (in the shared database, or the data
/// folder on the embedded default) with AES-256-GCM under a key derived from the master key: a database dump alone
/// forges no session. The element names the master key it was made with, so keys made before a master key rotation
/// stay readable while that key is a previous one.
/// </summary>
internal sealed class MasterKeyXmlEncryptor(MasterKeyRing masters) : IXmlEncryptor
{
    public const string Purpose = "data-protection-key-ring";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = Envelope.SealForPurpose(masters.Current, Purpose, plaintext);
        Array.Clear(plaintext);
        var element = new XElement("encryptedKey",
            new XAttribute("masterKeyId", masters.Current.Id),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="MasterKeyXmlEncryptor"/> sealed (Data Protection makes it with the service provider).</summary>
internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var master = services.GetRequiredService<MasterKeyRing>().Find((string?)encryptedElement.Attribute("masterKeyId") ?? "");
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        return XElement.Parse(Encoding.UTF8.GetString(Envelope.OpenForPurpose(master, MasterKeyXmlEncryptor.Purpose, sealedBytes)));
    }
}
