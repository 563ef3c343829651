using System.Diagnostics;
using System.Management.Automation;
using System.Text;

namespace ZarrPS.Host;

/// <summary>
/// Renders Write-Progress as one bar line on stderr when stderr is a terminal: the most recently updated
/// activity is shown, redrawn in place at most every 100 ms, and wiped when the last activity completes.
/// </summary>
public sealed class ProgressLine
{
    private readonly Terminal _terminal;
    private readonly List<(long Source, ProgressRecord Record)> _active = [];
    private long _lastDraw = long.MinValue;

    /// <summary>Creates a progress renderer drawing on <paramref name="terminal"/>'s stderr.</summary>
    public ProgressLine(Terminal terminal) => _terminal = terminal;

    /// <summary>Takes one progress record: updates, adds or completes its activity.</summary>
    public void Update(long sourceId, ProgressRecord record)
    {
        if (!_terminal.ErrorIsTerminal)
        {
            return;
        }

        lock (_active)
        {
            int index = _active.FindIndex(a => a.Source == sourceId && a.Record.ActivityId == record.ActivityId);
            bool changedShape;
            if (record.RecordType == ProgressRecordType.Completed)
            {
                changedShape = index >= 0;
                if (index >= 0)
                {
                    _active.RemoveAt(index);
                }

                // A completed parent takes its children with it.
                _active.RemoveAll(a => a.Source == sourceId && a.Record.ParentActivityId == record.ActivityId);
            }
            else
            {
                changedShape = index < 0;
                if (index >= 0)
                {
                    _active.RemoveAt(index);
                }

                _active.Add((sourceId, record));
            }

            if (_active.Count == 0)
            {
                _terminal.ClearProgress();
                return;
            }

            long now = Stopwatch.GetTimestamp();
            if (!changedShape && Stopwatch.GetElapsedTime(_lastDraw, now).TotalMilliseconds < 100)
            {
                return;
            }

            _lastDraw = now;
            _terminal.ShowProgress(Render(_active[^1].Record, Math.Max(20, _terminal.Width - 1)));
        }
    }

    /// <summary>Forgets every activity and wipes the line (a pipeline ended).</summary>
    public void Reset()
    {
        lock (_active)
        {
            _active.Clear();
            _terminal.ClearProgress();
        }
    }

    /// <summary>One line: "Activity: status [=====>    ] 42% 0:12 left", cut to <paramref name="width"/>.</summary>
    public static string Render(ProgressRecord record, int width)
    {
        var sb = new StringBuilder(width);
        sb.Append(record.Activity);
        if (!string.IsNullOrEmpty(record.StatusDescription) && record.StatusDescription != record.Activity)
        {
            sb.Append(": ").Append(record.StatusDescription);
        }

        string tail = "";
        if (record.PercentComplete >= 0)
        {
            tail = $" {Math.Min(record.PercentComplete, 100),3}%";
        }

        if (record.SecondsRemaining > 0)
        {
            var left = TimeSpan.FromSeconds(record.SecondsRemaining);
            tail += left.TotalHours >= 1 ? $" {(int)left.TotalHours}:{left:mm\\:ss} left" : $" {left:m\\:ss} left";
        }

        if (record.PercentComplete >= 0)
        {
            // The bar takes what the label leaves, between 10 and 40 cells.
            int barWidth = Math.Clamp(width - sb.Length - tail.Length - 3, 10, 40);
            int filled = (int)((long)barWidth * Math.Min(record.PercentComplete, 100) / 100);
            string bar = " [" + new string('=', filled) + (filled < barWidth ? ">" + new string(' ', barWidth - filled - 1) : "") + "]";
            int labelRoom = width - bar.Length - tail.Length;
            if (sb.Length > labelRoom)
            {
                sb.Length = Math.Max(0, labelRoom - 1);
                sb.Append('…');
            }

            sb.Append(bar).Append(tail);
        }
        else
        {
            sb.Append(tail);
        }

        if (!string.IsNullOrEmpty(record.CurrentOperation) && sb.Length + 3 + record.CurrentOperation.Length <= width)
        {
            sb.Append(" - ").Append(record.CurrentOperation);
        }

        if (sb.Length > width)
        {
            sb.Length = width - 1;
            sb.Append('…');
        }

        return sb.ToString();
    }
}
