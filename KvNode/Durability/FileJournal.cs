using System.Text.Json;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;

namespace GridAspire.KvNode.Durability;

/// <summary>
/// The journal in <c>Kv:DataDir</c>: <c>snapshot.json</c> (written to a temporary file, flushed, then renamed over
/// the old one) plus <c>wal.log</c> with the records since. With the <c>always</c> policy every commit reaches the
/// disk before the node acknowledges anything; with <c>batched</c> at most one interval is at risk.
/// </summary>
public sealed class FileJournal : INodeJournal, IDisposable
{
    private const string SnapshotFile = "snapshot.json";
    private const string LogFile = "wal.log";
    private readonly string _directory;
    private readonly DurabilityOptions _options;
    private readonly TimeProvider _time;
    private readonly WriteAheadLog _log;
    private readonly IReadOnlyList<LogRecord> _recovered;
    private readonly DurableState? _snapshot;
    private readonly KvMetrics _metrics;
    private readonly ILogger<FileJournal> _logger;
    private long _lastFlush;

    /// <summary>Opens the journal, cutting off a torn last record and failing on corruption.</summary>
    public FileJournal(string directory, DurabilityOptions options, TimeProvider time, KvMetrics metrics, ILogger<FileJournal> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = directory;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        Directory.CreateDirectory(directory);
        var snapshotPath = Path.Combine(directory, SnapshotFile);
        if (File.Exists(snapshotPath))
        {
            try
            {
                _snapshot = JsonSerializer.Deserialize<DurableState>(File.ReadAllBytes(snapshotPath));
            }
            catch (JsonException ex)
            {
                throw new CorruptLogException(snapshotPath, ex.BytePositionInLine ?? 0, "unreadable snapshot");
            }
        }

        (_log, _recovered, var truncated) = WriteAheadLog.Open(Path.Combine(directory, LogFile));
        if (truncated > 0)
        {
            KvLog.TornRecordTruncated(logger, _log.Path, truncated);
        }

        StartedEmpty = _snapshot is null && _recovered.Count == 0;
        _lastFlush = time.GetTimestamp();
    }

    /// <inheritdoc/>
    public bool StartedEmpty { get; }

    /// <inheritdoc/>
    public bool WantsSnapshot => _log.Count >= _options.SnapshotEvery;

    /// <inheritdoc/>
    public (DurableState? Snapshot, IReadOnlyList<LogRecord> Records) Recover() => (_snapshot, _recovered);

    /// <inheritdoc/>
    public void Append(LogRecord record) => _log.Append(record);

    /// <inheritdoc/>
    public void Commit()
    {
        var now = _time.GetTimestamp();
        if (_options.FsyncEveryWrite || _time.GetElapsedTime(_lastFlush, now).TotalMilliseconds >= _options.FsyncIntervalMs)
        {
            _log.Flush();
            _metrics.JournalFlushed(_time.GetElapsedTime(now));
            _lastFlush = now;
        }
    }

    /// <inheritdoc/>
    public void Snapshot(DurableState state)
    {
        var path = Path.Combine(_directory, SnapshotFile);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(file, state);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        var compacted = _log.Count;
        _log.Reset();
        _metrics.SnapshotWritten();
        KvLog.SnapshotWritten(_logger, compacted, path);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _log.Flush();
        _log.Dispose();
    }
}
