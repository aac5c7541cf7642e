import Foundation
import Sync

extension ServingTimeline {
    /// The timeline as an inline SVG (no script, no external reference): one lane per version, a bar for each stretch
    /// it served labelled with its share of traffic, a time axis in UTC. Each bar has a `<title>` (a browser shows it
    /// on hover) with the versions, the traffic, the times and the commit. Every text is escaped.
    func svg() -> String {
        let lanes = versions
        guard let span = timeSpan(), !lanes.isEmpty else { return "" }
        let layout = Layout(span: span, lanes: lanes.count)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Layout.width) \(layout.height)" width="100%" \
            role="img" aria-label="Which version served when" font-family="system-ui,sans-serif" font-size="12">

            """
        for (lane, version) in lanes.enumerated() {
            let y = layout.laneTop(lane)
            svg += "<rect x=\"0\" y=\"\(y)\" width=\"\(Layout.width)\" height=\"\(Layout.laneHeight)\" "
            svg += "fill=\"\(lane % 2 == 0 ? "#f6f6f6" : "#ffffff")\"/>\n"
            svg += "<text x=\"8\" y=\"\(y + Layout.laneHeight / 2 + 4)\" fill=\"#222\">"
            svg += "version \(StatusPage.escape(version))</text>\n"
        }
        for segment in segments {
            for bar in bars(of: segment) {
                guard let lane = lanes.firstIndex(of: bar.version) else { continue }
                svg += draw(bar, of: segment, lane: lane, layout: layout, span: span)
            }
        }
        svg += axis(layout: layout, span: span)
        return svg + "</svg>\n"
    }

    /// Where things go: a label column, then the time scale; one lane per version; the axis below.
    private struct Layout {
        static let width = 960
        static let labelWidth = 110
        static let laneHeight = 30
        static let axisHeight = 34
        let span: ClosedRange<Date>
        let lanes: Int

        var height: Int { lanes * Self.laneHeight + Self.axisHeight }

        func laneTop(_ lane: Int) -> Int { lane * Self.laneHeight }

        /// The x of `date` on the time scale.
        func x(_ date: Date) -> Double {
            let total = span.upperBound.timeIntervalSince(span.lowerBound)
            let fraction = total > 0 ? date.timeIntervalSince(span.lowerBound) / total : 1
            return Double(Self.labelWidth) + fraction * Double(Self.width - Self.labelWidth - 10)
        }
    }

    /// One version's share of one segment.
    private struct Bar {
        var version: String
        var traffic: Int
        var role: String
    }

    private func bars(of segment: Segment) -> [Bar] {
        guard let canary = segment.state.canary else {
            return [Bar(version: segment.state.stable, traffic: 100, role: "stable")]
        }
        let traffic = min(max(segment.state.canaryTraffic ?? 0, 0), 100)
        return [
            Bar(version: segment.state.stable, traffic: 100 - traffic, role: "stable"),
            Bar(
                version: canary,
                traffic: traffic,
                role: segment.state.canaryAborted == true ? "canary, aborted" : "canary"
            ),
        ]
    }

    private func draw(_ bar: Bar, of segment: Segment, lane: Int, layout: Layout, span: ClosedRange<Date>) -> String {
        let left = layout.x(segment.start ?? span.lowerBound)
        let width = max(layout.x(segment.end) - left, 2)
        let top = layout.laneTop(lane) + 4
        let colour = bar.traffic == 0 ? "#b9b9b9" : bar.role == "stable" ? "#2b6cb0" : "#dd6b20"
        let from = segment.start.map(StatusPage.time) ?? "before the history shown"
        let to = segment.isCurrent ? "now" : StatusPage.time(segment.end)
        var title = "version \(bar.version) (\(bar.role)): \(bar.traffic)% of traffic, \(from) – \(to)"
        if let commit = segment.commit { title += "; commit \(commit.prefix(12))" }
        if let subject = segment.subject { title += " \(subject)" }
        var svg = "<g><title>\(StatusPage.escape(title))</title>"
        svg += "<rect x=\"\(Self.number(left))\" y=\"\(top)\" width=\"\(Self.number(width))\" "
        svg += "height=\"\(Layout.laneHeight - 8)\" rx=\"3\" fill=\"\(colour)\"/>"
        if width >= 34 {
            let textColour = bar.traffic == 0 ? "#222" : "#fff"
            svg +=
                "<text x=\"\(Self.number(left + 5))\" y=\"\(top + 15)\" fill=\"\(textColour)\">\(bar.traffic)%</text>"
        }
        return svg + "</g>\n"
    }

    /// The time axis: a line and five ticks labelled in UTC.
    private func axis(layout: Layout, span: ClosedRange<Date>) -> String {
        let y = layout.lanes * Layout.laneHeight
        var svg = "<line x1=\"\(Layout.labelWidth)\" y1=\"\(y + 2)\" x2=\"\(Layout.width - 10)\" y2=\"\(y + 2)\" "
        svg += "stroke=\"#888\"/>\n"
        let total = span.upperBound.timeIntervalSince(span.lowerBound)
        for tick in 0...4 {
            let date = span.lowerBound.addingTimeInterval(total * Double(tick) / 4)
            let x = Self.number(layout.x(date))
            let anchor = tick == 0 ? "start" : tick == 4 ? "end" : "middle"
            svg += "<line x1=\"\(x)\" y1=\"\(y + 2)\" x2=\"\(x)\" y2=\"\(y + 7)\" stroke=\"#888\"/>"
            svg += "<text x=\"\(x)\" y=\"\(y + 20)\" text-anchor=\"\(anchor)\" fill=\"#555\">"
            svg += "\(StatusPage.escape(Self.axisTime(date, seconds: total < 3600)))</text>\n"
        }
        return svg
    }

    /// From the first known start (less a margin when the first segment began earlier) to the last end.
    private func timeSpan() -> ClosedRange<Date>? {
        guard let last = segments.last?.end else { return nil }
        let known = segments.compactMap(\.start).first ?? segments.first?.end ?? last
        var lower = known
        if segments.first?.start == nil {
            lower = known.addingTimeInterval(-max(last.timeIntervalSince(known) / 10, 60))
        }
        return lower...max(last, lower.addingTimeInterval(1))
    }

    /// `2026-05-04 09:00` (UTC), with `:30` seconds for a timeline shorter than an hour.
    private static func axisTime(_ date: Date, seconds: Bool) -> String {
        String(StatusPage.time(date).prefix(seconds ? 19 : 16)).replacingOccurrences(of: "T", with: " ")
    }

    private static func number(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
