using System.Buffers;
using System.Diagnostics;
using GridAspire.KvNode.Chaos;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Durability;

/// <summary>
/// The journal in <c>Kv:DataDir</c>: <c>snapshot.json</c> plus numbered log segments with the records since.
/// Appending (under the node's lock) only queues a record. One flusher thread takes everything queued since its
/// last flush, serialises it, writes it with one call and fsyncs once, then releases every waiter of that group:
/// group commit, so durability costs one fsync per group instead of one per write. Under load the flusher first waits
/// <c>Kv:Durability:CommitDelay</c> so that more records join the group. A snapshot is a marker in the
/// same queue: the flusher starts a new segment there, and a background thread writes the state captured at that
/// point, then deletes the segments it covers.
/// </summary>
public sealed class FileJournal : INodeJournal, IDisposable
{
    /// <summary>The flusher waits <c>Kv:Durability:CommitDelay</c> before a group when the last one had this many records.</summary>
    public const int CommitDelayAfterGroupsOf = 3;

    private readonly string _directory;
    private readonly DurabilityOptions _options;
    private readonly TimeProvider _time;
    private readonly KvMetrics _metrics;
    private readonly ILogger<FileJournal> _logger;
    private readonly GroupCommit<Entry> _commit = new();
    private readonly IReadOnlyList<LogRecord> _recovered;
    private readonly DurableState? _snapshot;
    private readonly Thread _flusher;
    private readonly DiskStall? _stall;
    private LogSegment _segment;
    private long _sinceSnapshot;
    private long _logBytes;
    private long _snapshotBytes;
    private volatile Task? _snapshotWriter;
    private readonly Lock _closing = new();
    private bool _closed;

    /// <summary>Opens the journal (cutting off a torn last record, failing on corruption) and starts its flusher.</summary>
    public FileJournal(
        string directory, DurabilityOptions options, TimeProvider time, KvMetrics metrics, ILogger<FileJournal> logger, DiskStall? stall = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _directory = directory;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _stall = stall;
        Directory.CreateDirectory(directory);
        _snapshot = SnapshotFile.Read(directory);
        (_segment, _recovered) = OpenSegments(_snapshot?.NextSegment ?? 0);
        _sinceSnapshot = _recovered.Count;
        _logBytes = LogSegment.List(directory).Sum(s => new FileInfo(s.Path).Length);
        _snapshotBytes = SnapshotFile.Size(directory);
        StartedEmpty = _snapshot is null && _recovered.Count == 0;
        metrics.ObserveJournal(() => _commit.Waiting);
        _flusher = new Thread(Flush) { IsBackground = true, Name = "kv-journal-flusher" };
        _flusher.Start();
    }

    /// <inheritdoc/>
    public bool StartedEmpty { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// Compaction rewrites the whole store, so it waits until the log is at least as large as the last snapshot (as
    /// Redis waits for its append-only file to double): whatever the store's size, it costs a bounded amount per write.
    /// </remarks>
    public bool WantsSnapshot =>
        _sinceSnapshot >= _options.SnapshotEvery
        && Interlocked.Read(ref _logBytes) >= Interlocked.Read(ref _snapshotBytes)
        && _snapshotWriter is null;

    /// <inheritdoc/>
    public long Appended => _commit.Appended;

    /// <inheritdoc/>
    public long Durable => _commit.Durable;

    /// <inheritdoc/>
    public AsyncSignal Flushed { get; } = new();

    /// <inheritdoc/>
    public Exception? Failure => _commit.Failure;

    /// <inheritdoc/>
    public (DurableState? Snapshot, IReadOnlyList<LogRecord> Records) Recover() => (_snapshot, _recovered);

    /// <inheritdoc/>
    public long Append(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _sinceSnapshot++;
        _commit.TryAppend(new Entry(record, null), out var position);
        return position;
    }

    /// <inheritdoc/>
    public Task WhenDurable(long position) => _commit.WhenDurable(position);

    /// <inheritdoc/>
    public Task<SnapshotWritten> Snapshot(DurableState state, Action release)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(release);
        var request = new SnapshotRequest(state, release, _sinceSnapshot);
        if (!_commit.TryAppend(new Entry(null, request), out _))
        {
            release();
            return Task.FromException<SnapshotWritten>(new JournalFailedException(_commit.Failure!));
        }

        _sinceSnapshot = 0;
        _snapshotWriter = request.Written.Task;
        return request.Written.Task;
    }

    /// <summary>
    /// Writes what was appended, waits for a snapshot being written and releases the files. Safe to call again, from
    /// any thread: a second caller returns once the files are released. A host's own shutdown and whoever stops it
    /// (a test's host factory) may both dispose the node, and the second must not return while the first still writes.
    /// </summary>
    public void Dispose()
    {
        lock (_closing)
        {
            if (_closed)
            {
                return;
            }

            _commit.Complete();
            _stall?.Resume();
            _flusher.Join();
            try
            {
                _snapshotWriter?.Wait();
            }
            catch (AggregateException)
            {
                // Already logged by the writer; the older snapshot and the log still hold everything.
            }

            _segment.Dispose();
            _commit.Dispose();
            _closed = true;
        }
    }

    private (LogSegment Newest, IReadOnlyList<LogRecord> Records) OpenSegments(long firstNeeded)
    {
        var records = new List<LogRecord>();
        var segments = LogSegment.List(_directory);
        foreach (var covered in segments.Where(s => s.Number < firstNeeded))
        {
            File.Delete(covered.Path); // a crash came between writing the snapshot and deleting what it covers
        }

        var needed = segments.Where(s => s.Number >= firstNeeded).ToList();
        LogSegment? newest = null;
        for (var i = 0; i < needed.Count; i++)
        {
            var (segment, read, truncated) = LogSegment.Open(needed[i].Path, needed[i].Number, isNewest: i == needed.Count - 1);
            records.AddRange(read);
            newest = segment ?? newest;
            if (truncated > 0)
            {
                KvLog.TornRecordTruncated(_logger, needed[i].Path, truncated);
            }
        }

        return (newest ?? LogSegment.Create(_directory, Math.Max(firstNeeded, 1)), records);
    }

    private void Flush()
    {
        var group = new List<Entry>();
        var frames = new ArrayBufferWriter<byte>(1 << 16);
        var scratch = new ArrayBufferWriter<byte>(1 << 12);
        var lastGroup = 0;
        while (true)
        {
            group.Clear();

            // The last group was large: writes arrive faster than fsyncs complete, so more are on their way; let them
            // join this group (PostgreSQL's commit_delay). One or two clients make groups of one or two, and waiting
            // would only delay them: their next write comes after this one is answered.
            if (_options.CommitDelay > TimeSpan.Zero && lastGroup >= CommitDelayAfterGroupsOf)
            {
                _commit.WaitForWork();
                ShortSleep.For(_options.CommitDelay);
            }

            var end = _commit.Take(ref group);
            lastGroup = group.Count;
            if (end == 0)
            {
                return;
            }

            _stall?.WaitWhileStalled();
            var started = _time.GetTimestamp();
            try
            {
                var records = 0;
                frames.ResetWrittenCount();
                foreach (var entry in group)
                {
                    if (entry.Record is { } record)
                    {
                        LogSegment.Encode(record, frames, scratch);
                        records++;
                    }
                    else
                    {
                        WriteAndSync(frames);
                        StartSnapshot(entry.Snapshot!);
                    }
                }

                WriteAndSync(frames);
                _commit.MarkDurable(end);
                _metrics.JournalFlushed(_time.GetElapsedTime(started), records);
            }
#pragma warning disable CA1031 // Whatever the disk did, the node must stop acknowledging: every waiter gets the error.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                KvLog.JournalFailed(_logger, _segment.Path, ex);
                var error = new JournalFailedException(ex);
                foreach (var lost in group.Concat(_commit.Fail(ex)).Select(e => e.Snapshot).OfType<SnapshotRequest>().Where(r => !r.Started))
                {
                    Finish(lost, () => lost.Written.TrySetException(error));
                }

                Flushed.Pulse();
                return;
            }

            Flushed.Pulse();
        }
    }

    private void WriteAndSync(ArrayBufferWriter<byte> frames)
    {
        if (frames.WrittenCount > 0)
        {
            _segment.Write(frames.WrittenSpan);
            Interlocked.Add(ref _logBytes, frames.WrittenCount);
            frames.ResetWrittenCount();
        }

        _segment.Flush();
    }

    // Everything before the marker is durable in the current segment; what follows goes to a new one, which the
    // snapshot names as the first it does not cover.
    private void StartSnapshot(SnapshotRequest request)
    {
        var covered = _segment;
        _segment = LogSegment.Create(_directory, covered.Number + 1);
        DirectorySync.Flush(_directory);
        covered.Dispose();
        Interlocked.Exchange(ref _logBytes, 0);
        var next = _segment.Number;
        request.Started = true;
        _ = Task.Factory.StartNew(() => WriteSnapshot(request, next), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void WriteSnapshot(SnapshotRequest request, long nextSegment)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (path, bytes) = SnapshotFile.Write(_directory, request.State with { NextSegment = nextSegment }, _options.SnapshotCpuShare);
            Interlocked.Exchange(ref _snapshotBytes, bytes);
            foreach (var covered in LogSegment.List(_directory).Where(s => s.Number < nextSegment))
            {
                File.Delete(covered.Path);
            }

            var written = new SnapshotWritten(request.Records, bytes, Stopwatch.GetElapsedTime(started));
            _metrics.SnapshotWritten(written.Duration);
            KvLog.SnapshotWritten(_logger, written.Records, path, written.Bytes, written.Duration);
            Finish(request, () => request.Written.TrySetResult(written));
        }
#pragma warning disable CA1031 // A failed snapshot loses nothing (the log is kept); it is reported and retried later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            KvLog.SnapshotFailed(_logger, _directory, ex);
            Finish(request, () => request.Written.TrySetException(ex));
        }
    }

    private void Finish(SnapshotRequest request, Action complete)
    {
        request.Release();
        _snapshotWriter = null;
        complete();
    }

    /// <summary>A log record, or the marker where a snapshot's state was captured.</summary>
    private readonly record struct Entry(LogRecord? Record, SnapshotRequest? Snapshot);

    private sealed record SnapshotRequest(DurableState State, Action Release, long Records)
    {
        public TaskCompletionSource<SnapshotWritten> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set by the flusher when a writer took over the request (which then finishes it).</summary>
        public bool Started { get; set; }
    }
}
