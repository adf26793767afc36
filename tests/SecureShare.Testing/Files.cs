using System.Net.Http.Headers;

namespace SecureShare.Testing;

/// <summary>Uploads as a browser or a script sends them: multipart/form-data with the file in a field named file.</summary>
public static class Files
{
    public static MultipartFormDataContent Form(string fileName, byte[] bytes, string contentType = "application/octet-stream")
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent { { part, "file", fileName } };
    }

    /// <summary>Bytes no compression or pattern search can mistake: a seeded stream of random bytes.</summary>
    public static byte[] Random(int length, int seed = 19)
    {
        var bytes = new byte[length];
        new System.Random(seed).NextBytes(bytes);
        return bytes;
    }
}
