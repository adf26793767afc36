namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>Rows cut into groups whose values come to at most about <see cref="Limit"/> characters of JSON each.</summary>
internal static class BulkPayload
{
    public const long Limit = 8 * 1024 * 1024;

    public static IEnumerable<IReadOnlyCollection<T>> Chunks<T>(IReadOnlyList<BulkColumn> columns, IReadOnlyCollection<T> rows)
        where T : class
    {
        var chunk = new List<T>();
        long size = 0;
        foreach (var row in rows)
        {
            var rowSize = columns.Sum(c => c.ValueOf(row) switch { byte[] b => 2L * b.Length, string t => t.Length, _ => 16L });
            if (chunk.Count > 0 && size + rowSize > Limit)
            {
                yield return chunk;
                (chunk, size) = ([], 0);
            }

            chunk.Add(row);
            size += rowSize;
        }

        yield return chunk;
    }
}
