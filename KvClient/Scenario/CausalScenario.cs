using System.Net;
using GridAspire.Contracts.Kv;
using GridAspire.KvClient.Client;

namespace GridAspire.KvClient.Scenario;

/// <summary>
/// Runs <see cref="CausalScript"/> against real nodes and checks, after each step, what the nodes show: the third
/// node buffers y without exposing it while x is held back, and delivers x before y once the link is released.
/// </summary>
public sealed class CausalScenario(
    HttpClient http, string clusterKey, IReadOnlyDictionary<string, Uri> nodes, IScenarioReporter report, TimeProvider time)
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private readonly KvNodeClient _client = new(http, clusterKey);
    private bool _passed = true;

    /// <summary>Runs the scenario; true when every check held.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken = default)
    {
        var ids = nodes.Keys.Order(StringComparer.Ordinal).ToList();
        var script = CausalScript.For(ids, Guid.NewGuid().ToString("N")[..6]);
        var (a, b, c) = (ids[0], ids[1], ids[2]);
        var (x, y) = (((PutKey)script.Steps[1].Action).Key, ((PutKey)script.Steps[3].Action).Key);
        var player = new ScenarioPlayer(new KvSession(_client), nodes);
        try
        {
            var held = await StepAsync(player, script.Steps[0], cancellationToken);
            Check(held.IsSuccess && (await _client.StatusAsync(nodes[a], cancellationToken)).Peers[c].Held, $"{a} reports its link to {c} as held");

            var wx = await StepAsync(player, script.Steps[1], cancellationToken);
            Check(wx.IsSuccess, $"{a} accepted {x}=1");
            report.Observed(a, $"{x}=1", wx.Item?.Clock);

            var rx = await StepAsync(player, script.Steps[2], cancellationToken);
            Check(rx.Item?.Value == "1", $"{b} shows {x}=1 to a session that wrote it (read-your-writes)");
            report.Observed(b, $"{x}={rx.Item?.Value}", rx.Item?.Clock);

            var wy = await StepAsync(player, script.Steps[3], cancellationToken);
            Check(wy.IsSuccess && wx.Item is not null && wy.Item!.Clock.Covers(wx.Item.Clock), $"{y}'s clock covers {x}'s: {y} causally depends on {x}");
            report.Observed(b, $"{y}=2", wy.Item?.Clock);
            if (wx.Item is null || wy.Item is null)
            {
                return false;
            }

            await CheckHeldBackAsync(player.Session, nodes[c], c, x, y, wx.Item.Clock, cancellationToken);

            await StepAsync(player, script.Steps[4], cancellationToken);
            var caughtUp = await PollAsync(nodes[c], s => s.Clock.Covers(wy.Item.Clock), cancellationToken);
            Check(caughtUp is not null, $"{c} caught up with both writes");
            if (caughtUp is not null)
            {
                report.Observed(c, "clock after release", caughtUp.Clock);
                var order = caughtUp.RecentDeliveries.Select(d => d.Key).Where(k => k == x || k == y).ToList();
                report.Observed(c, "delivery order: " + string.Join(" -> ", order));
                Check(order.SequenceEqual([x, y]), $"{c} delivered {x} before {y}");
                Check(caughtUp.Buffered == 0 || caughtUp.BufferedMessages.All(m => m.Key != y), $"{c}'s buffer no longer holds {y}");
            }

            var finalY = await player.Session.GetAsync(nodes[c], y, cancellationToken);
            var finalX = await player.Session.GetAsync(nodes[c], x, cancellationToken);
            Check(finalX.Item?.Value == "1" && finalY.Item?.Value == "2", $"{c} now shows {x}=1 and {y}=2");
            return _passed;
        }
        finally
        {
            foreach (var undo in script.Cleanup)
            {
                await player.PerformAsync(undo, CancellationToken.None);
            }
        }
    }

    private async Task<KvResult> StepAsync(ScenarioPlayer player, ScenarioStep step, CancellationToken cancellationToken)
    {
        report.BeginStep(step.Number, step.Title);
        return await player.PerformAsync(step.Action, cancellationToken);
    }

    // Between steps 4 and 5: c has y but not x, so it must hold y back, from everyone.
    private async Task CheckHeldBackAsync(KvSession session, Uri c, string name, string x, string y, VectorClock xClock, CancellationToken cancellationToken)
    {
        var buffering = await PollAsync(c, s => s.BufferedMessages.Any(m => m.Key == y), cancellationToken);
        Check(buffering is not null, $"{name} buffers {y}");
        if (buffering is not null)
        {
            report.Observed(name, $"buffers {string.Join(", ", buffering.BufferedMessages.Select(m => $"{m.Key} {m.Clock}"))}; delivered", buffering.Clock);
            Check(!buffering.Clock.Covers(xClock), $"{name} has not delivered {x}");
        }

        var y3 = await new KvSession(_client).GetAsync(c, y, cancellationToken);
        Check(y3.Status == HttpStatusCode.NotFound, $"{name} does not expose {y} (answered {(int)y3.Status})");
        var behind = await session.GetAsync(c, y, cancellationToken);
        Check(behind.Status == HttpStatusCode.Conflict, $"{name} refuses the session with 409, it is behind the session's context ({behind.Problem})");
    }

    private void Check(bool passed, string claim)
    {
        _passed &= passed;
        report.Check(passed, claim);
    }

    private async Task<StatusResponse?> PollAsync(Uri node, Func<StatusResponse, bool> condition, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        while (time.GetElapsedTime(start) < WaitLimit)
        {
            var status = await _client.StatusAsync(node, cancellationToken);
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
