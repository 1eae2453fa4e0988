using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Threading.Channels;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Events;
using GridAspire.KvNode.Replication;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.KvNode.Tests.Replication;

public sealed class PeerLinkPacingTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly TimerRecordingTimeProvider _time = new();
    private readonly Source _source = new();
    private readonly Peer _peer = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _link = Task.CompletedTask;

    [Fact]
    public async Task A_quiet_link_sends_at_once_and_a_busy_one_gathers_writes_into_one_batch_per_interval()
    {
        Start();

        _source.Add(1);
        var first = await _peer.NextBatchAsync();
        Assert.Equal([1L], first); // no time passed: a quiet link does not wait

        _source.Add(2);
        await _time.TimerDue(Interval).WaitAsync(Deadline); // the link paces: it waits for the rest of the interval
        _source.Add(3);
        _source.Add(4);
        _time.Advance(Interval);

        var second = await _peer.NextBatchAsync();
        Assert.Equal([2L, 3L, 4L], second);
        Assert.Equal(2, _peer.Requests);
    }

    [Fact]
    public async Task With_no_interval_every_write_is_sent_at_once()
    {
        Start(TimeSpan.Zero);

        for (var i = 1L; i <= 3; i++)
        {
            _source.Add(i);
            var batch = await _peer.NextBatchAsync();
            Assert.Equal([i], batch);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _link.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        await _services.DisposeAsync();
    }

    private void Start(TimeSpan? interval = null)
    {
        var options = new KvOptions { NodeId = "kv1", ClusterKey = "test-cluster-key-0123456789" };
        var metrics = new KvMetrics(_services.GetRequiredService<IMeterFactory>());
        var events = new NodeEventFeed(Options.Create(options), _time, metrics, NullLogger<NodeEventFeed>.Instance);
        var link = new PeerLink(
            "kv2", new Uri("http://127.0.0.1:1/"), _source, new HttpClient(_peer), options.ClusterKey,
            new ReplicationOptions { BatchInterval = interval ?? Interval }, _time, events, metrics, NullLogger.Instance);
        _link = Task.Run(() => link.RunAsync(_stop.Token));
    }

    /// <summary>A fake clock that tells when a timer is set for a given time from now.</summary>
    private sealed class TimerRecordingTimeProvider : FakeTimeProvider
    {
        private readonly ConcurrentDictionary<TimeSpan, TaskCompletionSource> _due = new();

        public Task TimerDue(TimeSpan dueTime) => Due(dueTime).Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Due(dueTime).TrySetResult();
            return timer;
        }

        private TaskCompletionSource Due(TimeSpan dueTime) =>
            _due.GetOrAdd(dueTime, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>The node's own writes, all durable at once.</summary>
    private sealed class Source : IReplicationSource
    {
        private readonly List<ReplicatedWrite> _writes = [];

        public string NodeId => "kv1";

        public string WriterId => "kv1";

        public VectorClock Clock => VectorClock.From([KeyValuePair.Create("kv1", OwnWrites)]);

        public long OwnWrites { get { lock (_writes) { return _writes.Count; } } }

        public AsyncSignal OwnWritesDurable { get; } = new();

        public bool WantsPeerClocks => false;

        public void Add(long sequence)
        {
            lock (_writes)
            {
                _writes.Add(new ReplicatedWrite("kv1", VectorClock.From([KeyValuePair.Create("kv1", sequence)]), sequence, $"k{sequence}", "v"));
            }

            OwnWritesDurable.Pulse();
        }

        public long AckedBy(string peer) => 0;

        public IReadOnlyList<ReplicatedWrite> OwnWritesAfter(long acknowledged, int max)
        {
            lock (_writes)
            {
                return [.. _writes.Where(w => w.Sequence > acknowledged).Take(max)];
            }
        }

        public void RecordAck(string peer, long acked)
        {
        }

        public void ObservePeerClock(string peer, VectorClock delivered)
        {
        }
    }

    /// <summary>A peer that delivers every batch it gets and tells which sequences each one carried.</summary>
    private sealed class Peer : HttpMessageHandler
    {
        private readonly Channel<long[]> _batches = Channel.CreateUnbounded<long[]>();
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public async Task<long[]> NextBatchAsync() => await _batches.Reader.ReadAsync().AsTask().WaitAsync(Deadline);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var batch = await request.Content!.ReadFromJsonAsync(ReplicationJsonContext.Default.ReplicationBatch, cancellationToken);
            var sequences = batch!.Writes.Select(w => w.Sequence).ToArray();
            Interlocked.Increment(ref _requests);
            await _batches.Writer.WriteAsync(sequences, cancellationToken);
            var delivered = VectorClock.From([KeyValuePair.Create("kv1", sequences.Length == 0 ? 0 : sequences[^1])]);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(new ReplicationAck("kv2", delivered), ReplicationJsonContext.Default.ReplicationAck),
            };
        }
    }
}
