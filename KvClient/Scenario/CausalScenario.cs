using System.Net;
using GridAspire.KvClient.Client;

namespace GridAspire.KvClient.Scenario;

/// <summary>
/// The classic demonstration of causal delivery. With kv1's link to kv3 held: x is written at kv1, read at kv2
/// and followed by y at kv2, so y depends on x. kv3 receives y first and must buffer it without exposing it;
/// once the link is released kv3 must deliver x before y.
/// </summary>
public sealed class CausalScenario(
    HttpClient http, string clusterKey, IReadOnlyDictionary<string, Uri> nodes, IScenarioReporter report, TimeProvider time)
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private bool _passed = true;

    /// <summary>Runs the scenario; true when every check held.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken = default)
    {
        Uri kv1 = nodes["kv1"], kv2 = nodes["kv2"], kv3 = nodes["kv3"];
        var run = Guid.NewGuid().ToString("N")[..6];
        string x = $"x-{run}", y = $"y-{run}";
        var session = new KvSession(http, clusterKey);

        report.BeginStep(1, "Hold the link kv1 -> kv3 (kv3 will not hear from kv1 until released)");
        await session.HoldAsync(kv1, "kv3", cancellationToken);
        try
        {
            var held = (await session.StatusAsync(kv1, cancellationToken)).Peers["kv3"].Held;
            Check(held, "kv1 reports its link to kv3 as held");

            report.BeginStep(2, $"Write {x}=1 at kv1");
            var wx = await session.PutAsync(kv1, x, "1", cancellationToken);
            Check(wx.IsSuccess, $"kv1 accepted {x}=1");
            report.Observed("kv1", $"{x}=1", wx.Item?.Clock);

            report.BeginStep(3, $"Read {x} at kv2 with the session token, then write {y}=2 at kv2 ({y} depends on {x})");
            var rx = await session.GetAsync(kv2, x, cancellationToken);
            Check(rx.Item?.Value == "1", $"kv2 shows {x}=1 to a session that wrote it (read-your-writes)");
            report.Observed("kv2", $"{x}={rx.Item?.Value}", rx.Item?.Clock);
            var wy = await session.PutAsync(kv2, y, "2", cancellationToken);
            Check(wy.IsSuccess && wx.Item is not null && ClockFormat.Covers(wy.Item!.Clock, wx.Item.Clock),
                $"{y}'s clock covers {x}'s: {y} causally depends on {x}");
            report.Observed("kv2", $"{y}=2", wy.Item?.Clock);
            if (wx.Item is null || wy.Item is null)
            {
                return false;
            }

            report.BeginStep(4, $"kv3 receives {y} before {x}: it must buffer {y} and expose neither");
            var buffering = await PollAsync(kv3, s => s.BufferedMessages.Any(m => m.Key == y), cancellationToken);
            Check(buffering is not null, $"kv3 buffers {y}");
            if (buffering is not null)
            {
                report.Observed("kv3", $"buffers {string.Join(", ", buffering.BufferedMessages.Select(m => $"{m.Key} {ClockFormat.Show(m.Clock)}"))}; delivered", buffering.Clock);
                Check(!ClockFormat.Covers(buffering.Clock, wx.Item.Clock), $"kv3 has not delivered {x}");
            }

            var observer = new KvSession(http);
            var y3 = await observer.GetAsync(kv3, y, cancellationToken);
            Check(y3.Status == HttpStatusCode.NotFound, $"kv3 does not expose {y} (answered {(int)y3.Status})");
            var behind = await session.GetAsync(kv3, y, cancellationToken);
            Check(behind.Status == HttpStatusCode.Conflict, $"kv3 refuses the session with 409, it is behind the session's context ({behind.Problem})");

            report.BeginStep(5, "Release the link: kv3 must deliver x, then y");
            await session.ReleaseAsync(kv1, "kv3", cancellationToken);
            var caughtUp = await PollAsync(kv3, s => ClockFormat.Covers(s.Clock, wy.Item.Clock), cancellationToken);
            Check(caughtUp is not null, "kv3 caught up with both writes");
            if (caughtUp is not null)
            {
                report.Observed("kv3", "clock after release", caughtUp.Clock);
                var order = caughtUp.RecentDeliveries.Select(d => d.Key).Where(k => k == x || k == y).ToList();
                report.Observed("kv3", "delivery order: " + string.Join(" -> ", order));
                Check(order.SequenceEqual([x, y]), $"kv3 delivered {x} before {y}");
                Check(caughtUp.Buffered == 0 || caughtUp.BufferedMessages.All(m => m.Key != y), $"kv3's buffer no longer holds {y}");
            }

            var finalY = await session.GetAsync(kv3, y, cancellationToken);
            var finalX = await session.GetAsync(kv3, x, cancellationToken);
            Check(finalX.Item?.Value == "1" && finalY.Item?.Value == "2", $"kv3 now shows {x}=1 and {y}=2");
            return _passed;
        }
        finally
        {
            await session.ReleaseAsync(kv1, "kv3", CancellationToken.None);
        }
    }

    private void Check(bool passed, string claim)
    {
        _passed &= passed;
        report.Check(passed, claim);
    }

    private async Task<NodeStatus?> PollAsync(Uri node, Func<NodeStatus, bool> condition, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var session = new KvSession(http);
        while (time.GetElapsedTime(start) < WaitLimit)
        {
            var status = await session.StatusAsync(node, cancellationToken);
            if (condition(status))
            {
                return status;
            }

            // A console client watching another process: polling its status is the only signal it has.
            await Task.Delay(PollInterval, time, cancellationToken);
        }

        return null;
    }
}
