using System.Buffers;
using System.Buffers.Binary;
using System.Data;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// Where the sealed chunks of stored files are kept (<see cref="FileSettings.Storage"/>). A store sees only sealed bytes; it
/// writes a file's chunks in order, reads them back in order one at a time, and purges them.
/// </summary>
internal interface IFileStore
{
    /// <summary>Opens a writer for a file of <paramref name="tenant"/> (its <see cref="StoredFile"/> row already saved).</summary>
    IFileWriter Create(TenantInfo tenant, StoredFile file);

    /// <summary>The file's sealed chunks in order; each buffer is valid until the next one is asked for.</summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(StoredFile file, CancellationToken ct);

    /// <summary>Removes whatever is stored of the file (nothing, part of it, or all).</summary>
    Task PurgeAsync(TenantInfo tenant, Guid fileId, CancellationToken ct);

    /// <summary>
    /// Keeps the file's bytes for <paramref name="to"/> too, whose it becomes in the caller's transaction (an ownership move);
    /// true when the old copy is to be purged once that transaction has committed.
    /// </summary>
    Task<bool> CopyToOwnerAsync(TenantInfo from, TenantInfo to, Guid fileId, CancellationToken ct);
}

internal interface IFileWriter : IAsyncDisposable
{
    /// <summary>Appends the next sealed chunk: the whole array is the chunk.</summary>
    Task WriteAsync(byte[] sealedChunk, CancellationToken ct);

    /// <summary>Every chunk written: the file may now be read.</summary>
    Task CompleteAsync(CancellationToken ct);
}

/// <summary>
/// Chunks as rows of <c>file_chunks</c>, each written in a short transaction of its own (a slow upload never holds the
/// database's writers) and read back one query each, in sequential mode into one pooled buffer, so a file's size never
/// becomes the request's memory.
/// </summary>
internal sealed class DatabaseFileStore(DbSession session, ModuleDbContextFactory<CredentialsDbContext> contexts) : IFileStore
{
    public IFileWriter Create(TenantInfo tenant, StoredFile file) => new Writer(session, contexts, tenant, file.Id);

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(StoredFile file, [EnumeratorCancellation] CancellationToken ct)
    {
        var db = contexts.Create();
        var entity = db.Model.FindEntityType(typeof(FileChunk))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);

        if (session.Connection.State != ConnectionState.Open)
        {
            await session.Connection.OpenAsync(ct);
        }

        // Deliberate raw SQL (reviewed): a chunk of one file of the file row's own tenant, read in sequential mode.
        await using var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText =
            $"SELECT {Column(nameof(FileChunk.Data))} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} " +
            $"WHERE {Column(nameof(FileChunk.TenantId))} = @tenant AND {Column(nameof(FileChunk.FileId))} = @file AND {Column(nameof(FileChunk.Index))} = @index";
        command.Parameters.Add(entity.FindProperty(nameof(FileChunk.TenantId))!.GetRelationalTypeMapping().CreateParameter(command, "@tenant", file.TenantId));
        command.Parameters.Add(entity.FindProperty(nameof(FileChunk.FileId))!.GetRelationalTypeMapping().CreateParameter(command, "@file", file.Id));
        var index = entity.FindProperty(nameof(FileChunk.Index))!.GetRelationalTypeMapping().CreateParameter(command, "@index", 0);
        command.Parameters.Add(index);
        var buffer = ArrayPool<byte>.Shared.Rent(file.ChunkSize + FileCipher.TagSize + 1);
        try
        {
            // One query per chunk, none left open between them: the caller may write (a link's copy) on this connection meanwhile.
            for (var i = 0; i < file.ChunkCount; i++)
            {
                index.Value = i;
                var length = 0;
                await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct))
                {
                    if (!await reader.ReadAsync(ct))
                    {
                        throw new CryptographicException("A stored chunk is missing.");
                    }

                    long read;
                    while (length < buffer.Length && (read = reader.GetBytes(0, length, buffer, length, buffer.Length - length)) > 0)
                    {
                        length += (int)read;
                    }
                }

                if (length > file.ChunkSize + FileCipher.TagSize)
                {
                    throw new CryptographicException("A stored chunk is larger than a chunk can be.");
                }

                yield return buffer.AsMemory(0, length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The chunks are rows: the move rewrites their tenant in its own transaction.</summary>
    public Task<bool> CopyToOwnerAsync(TenantInfo from, TenantInfo to, Guid fileId, CancellationToken ct) => Task.FromResult(false);

    public async Task PurgeAsync(TenantInfo tenant, Guid fileId, CancellationToken ct)
    {
        using (TenantContext.Begin(tenant))
        {
            var db = contexts.Create();
            await session.InTransactionAsync(() => db.FileChunks.Where(c => c.FileId == fileId).ExecuteDeleteAsync(ct), ct);
        }
    }

    private sealed class Writer(DbSession session, ModuleDbContextFactory<CredentialsDbContext> contexts, TenantInfo tenant, Guid fileId) : IFileWriter
    {
        private int _index;

        public async Task WriteAsync(byte[] sealedChunk, CancellationToken ct)
        {
            using (TenantContext.Begin(tenant))
            {
                var db = contexts.Create();
                var index = _index;
                await session.InTransactionAsync(
                    async () =>
                    {
                        db.ChangeTracker.Clear();
                        db.FileChunks.Add(new FileChunk { FileId = fileId, Index = index, Data = sealedChunk });
                        await db.SaveChangesAsync(ct);
                        db.ChangeTracker.Clear();
                        return true;
                    },
                    ct);
                _index++;
            }
        }

        public Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// One file per stored file under the files folder (a volume every host mounts): the sealed chunks one after another, each
/// after its length (4 bytes, big-endian). Written to a ".part" file first and renamed when complete; files are owner-only.
/// </summary>
internal sealed class DirectoryFileStore(string root) : IFileStore
{
    private const string PartSuffix = ".part";

    public IFileWriter Create(TenantInfo tenant, StoredFile file)
    {
        var path = PathOf(file.TenantId, file.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new Writer(new FileStream(path + PartSuffix, OwnerOnly(FileMode.Create)), path);
    }

    private static FileStreamOptions OwnerOnly(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(StoredFile file, [EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(file.ChunkSize + FileCipher.TagSize);
        try
        {
            await using var stream = OpenRead(PathOf(file.TenantId, file.Id));
            var header = new byte[4];
            while (await stream.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false, ct) is var got && got > 0)
            {
                var length = got == 4 ? BinaryPrimitives.ReadInt32BigEndian(header) : -1;
                if (length < FileCipher.TagSize || length > file.ChunkSize + FileCipher.TagSize
                    || await stream.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false, ct) != length)
                {
                    throw new CryptographicException("A stored chunk is cut short or has the wrong size.");
                }

                yield return buffer.AsMemory(0, length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A copy in the new owner's folder (should the move roll back, it is an unreferenced sealed copy).</summary>
    public async Task<bool> CopyToOwnerAsync(TenantInfo from, TenantInfo to, Guid fileId, CancellationToken ct)
    {
        var path = PathOf(to.Id, fileId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var source = OpenRead(PathOf(from.Id, fileId));
        await using var copy = new FileStream(path, OwnerOnly(FileMode.Create));
        await source.CopyToAsync(copy, ct);
        return true;
    }

    public Task PurgeAsync(TenantInfo tenant, Guid fileId, CancellationToken ct)
    {
        var path = PathOf(tenant.Id, fileId);
        File.Delete(path + PartSuffix);
        File.Delete(path);
        return Task.CompletedTask;
    }

    private static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = 0 });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CryptographicException("The stored file is missing.", e);
        }
    }

    /// <summary>Where a stored file's bytes are (its tenant's folder, its id): for tests that reach into storage as an attacker would.</summary>
    public string PathOf(Guid tenantId, Guid fileId) => Path.Combine(root, tenantId.ToString("N"), fileId.ToString("N"));

    private sealed class Writer(FileStream stream, string path) : IFileWriter
    {
        private readonly byte[] _header = new byte[4];
        private bool _complete;

        public async Task WriteAsync(byte[] sealedChunk, CancellationToken ct)
        {
            BinaryPrimitives.WriteInt32BigEndian(_header, sealedChunk.Length);
            await stream.WriteAsync(_header, ct);
            await stream.WriteAsync(sealedChunk, ct);
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            await stream.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
            await stream.DisposeAsync();
            File.Move(path + PartSuffix, path, overwrite: true);
            _complete = true;
        }

        public async ValueTask DisposeAsync()
        {
            await stream.DisposeAsync();
            if (!_complete)
            {
                File.Delete(path + PartSuffix);
            }
        }
    }
}
