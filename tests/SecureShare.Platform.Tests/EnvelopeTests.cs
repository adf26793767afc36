using System.Security.Cryptography;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Tests;

/// <summary>AES-256-GCM envelope: data keys wrapped by a master key, fields bound to tenant, object and field.</summary>
public sealed class EnvelopeTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly Guid Credential = Guid.NewGuid();

    [Fact]
    public void A_field_round_trips_and_its_ciphertext_holds_no_plaintext()
    {
        var key = Envelope.NewDataKey(Tenant);
        var cipher = Envelope.Encrypt(key, Credential, "secret", "hunter2-hunter2");
        System.Text.Encoding.UTF8.GetString(cipher).ShouldNotContain("hunter2");
        Envelope.Decrypt(key, Credential, "secret", cipher).ShouldBe("hunter2-hunter2");
        Envelope.Encrypt(key, Credential, "secret", "hunter2-hunter2").ShouldNotBe(cipher); // fresh nonce each time
    }

    [Fact]
    public void A_ciphertext_moved_to_another_object_field_or_tenant_fails()
    {
        var key = Envelope.NewDataKey(Tenant);
        var cipher = Envelope.Encrypt(key, Credential, "secret", "value");
        Should.Throw<CryptographicException>(() => Envelope.Decrypt(key, Guid.NewGuid(), "secret", cipher));
        Should.Throw<CryptographicException>(() => Envelope.Decrypt(key, Credential, "notes", cipher));
        Should.Throw<CryptographicException>(() => Envelope.Decrypt(key with { TenantId = Guid.NewGuid() }, Credential, "secret", cipher));
        Should.Throw<CryptographicException>(() => Envelope.Decrypt(Envelope.NewDataKey(Tenant), Credential, "secret", cipher));
    }

    [Fact]
    public void A_tampered_ciphertext_fails()
    {
        var key = Envelope.NewDataKey(Tenant);
        var cipher = Envelope.Encrypt(key, Credential, "secret", "value");
        cipher[^1] ^= 0x01;
        Should.Throw<CryptographicException>(() => Envelope.Decrypt(key, Credential, "secret", cipher));
        Should.Throw<CryptographicException>(() => Envelope.Decrypt(key, Credential, "secret", cipher[..20]));
    }

    [Fact]
    public void A_data_key_unwraps_only_with_its_master_key_and_tenant()
    {
        var master = MasterKey.Generate();
        var key = Envelope.NewDataKey(Tenant);
        var wrapped = Envelope.Wrap(key, master);

        Envelope.Unwrap(wrapped, new MasterKeyRing(master, [])).Key.ShouldBe(key.Key);
        Should.Throw<CryptographicException>(() => Envelope.Unwrap(wrapped, new MasterKeyRing(MasterKey.Generate(), [])));
        Should.Throw<CryptographicException>(() => Envelope.Unwrap(wrapped with { TenantId = Guid.NewGuid() }, new MasterKeyRing(master, [])));
    }

    [Fact]
    public void After_rotation_a_rewrapped_key_opens_with_the_new_master_and_old_wraps_need_the_previous_key()
    {
        var oldMaster = MasterKey.Generate();
        var newMaster = MasterKey.Generate();
        var key = Envelope.NewDataKey(Tenant);
        var oldWrap = Envelope.Wrap(key, oldMaster);

        var rewrapped = Envelope.Wrap(Envelope.Unwrap(oldWrap, new MasterKeyRing(newMaster, [oldMaster])), newMaster);

        rewrapped.MasterKeyId.ShouldBe(newMaster.Id);
        Envelope.Unwrap(rewrapped, new MasterKeyRing(newMaster, [])).Key.ShouldBe(key.Key);
        Envelope.Unwrap(oldWrap, new MasterKeyRing(newMaster, [oldMaster])).Key.ShouldBe(key.Key);
        Should.Throw<CryptographicException>(() => Envelope.Unwrap(oldWrap, new MasterKeyRing(newMaster, [])));
    }

    [Fact]
    public void A_master_key_must_be_32_bytes_and_its_id_is_a_stable_fingerprint()
    {
        Should.Throw<ArgumentException>(() => new MasterKey(new byte[16]));
        var master = MasterKey.Generate();
        MasterKey.FromBase64(master.ToBase64()).Id.ShouldBe(master.Id);
        master.Id.Length.ShouldBe(16);
    }
}
