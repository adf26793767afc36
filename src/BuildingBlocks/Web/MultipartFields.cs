namespace SecureShare.BuildingBlocks.Web;

/// <summary>
/// Endpoint metadata: the text fields a multipart/form-data body carries besides its file, by name, each with what it
/// holds, in the order a client should send them (before the file). The OpenAPI document describes them.
/// </summary>
public sealed record MultipartFields(IReadOnlyList<(string Name, string Description)> Fields);
