import Foundation

/// One build as `history.jsonl` keeps it: one compact JSON line, keys sorted, so a site
/// carries the trend of its batches from build to build.
public struct HistoryEntry: Sendable, Equatable {
    public static let format = "tracereport-history-1"

    /// 1 for a site's first build, then one more each build.
    public var build: Int
    /// `2026-12-01T09:00:00Z` from `SOURCE_DATE_EPOCH`; nil when unset (a build time would make the site differ every build).
    public var time: String?
    /// What was read: file and folder names, `db postgresql://user:***@host/db`, `the bundled sample`.
    public var input: String
    public var traces: Int
    public var stagesCaptured: Int
    public var stagesEmpty: Int
    public var stagesMissing: Int
    /// Stages holding only what an API export back-filled.
    public var stagesInferred: Int = 0
    /// Traces that ran no stage (direct and reject answers, `/ops/query` rows): counted apart from stage coverage.
    public var tracesNoStages: Int = 0
    /// Traces with a finding of a kind `check` fails on by default (`stage-assets-missing`, `asset-unattributed`).
    public var tracesFailing: Int
    /// Traces with `stage-assets-missing`.
    public var stageAssetsMissing: Int
    /// Asset uses served from a fallback, over all asset uses (0 when there were none), to 4 decimals.
    public var fallbackShare: Double
    /// Asset uses an override replaced.
    public var overrides: Int
    /// `version-drift` findings of the batch.
    public var drift: Int

    /// Captured stages over all stages, 0 when there were none.
    public var coverage: Double {
        let stages = stagesCaptured + stagesEmpty + stagesMissing + stagesInferred
        return stages == 0 ? 0 : Double(stagesCaptured) / Double(stages)
    }

    /// The line as stored.
    var json: String {
        var w = JSONTextWriter()
        w.object { w in
            w.key("build")
            w.int(build)
            w.key("drift")
            w.int(drift)
            w.key("fallback_share")
            w.double(fallbackShare)
            w.key("format")
            w.string(Self.format)
            w.key("input")
            w.string(input)
            w.key("overrides")
            w.int(overrides)
            w.key("stage_assets_missing")
            w.int(stageAssetsMissing)
            w.key("stages_captured")
            w.int(stagesCaptured)
            w.key("stages_empty")
            w.int(stagesEmpty)
            w.key("stages_inferred")
            w.int(stagesInferred)
            w.key("stages_missing")
            w.int(stagesMissing)
            w.key("time")
            w.string(time)
            w.key("traces")
            w.int(traces)
            w.key("traces_failing")
            w.int(tracesFailing)
            w.key("traces_no_stages")
            w.int(tracesNoStages)
        }
        return w.text
    }

    /// A stored line read back; nil with the reason when it is not one.
    static func parse(_ line: String) -> Result<HistoryEntry, TraceFieldError> {
        do {
            let r = try JSONObjectReader(try JSONDocumentParser.parse(Data(line.utf8)), at: .root)
            guard try r.string("format") == format else {
                return .failure(TraceFieldError(path: .root.key("format"), reason: "is not \(format)"))
            }
            // Lines of builds before a field existed read it as 0.
            func optionalInt(_ key: String) throws(TraceFieldError) -> Int {
                try r.number(key) == nil ? 0 : try int(key)
            }
            func int(_ key: String) throws(TraceFieldError) -> Int {
                guard let n = try r.number(key), n >= 0, n == n.rounded() else {
                    throw TraceFieldError(path: .root.key(key), reason: "missing or not a whole number")
                }
                return Int(n)
            }
            var entry = HistoryEntry(
                build: try int("build"), time: try r.string("time"), input: try r.string("input") ?? "",
                traces: try int("traces"),
                stagesCaptured: try int("stages_captured"), stagesEmpty: try int("stages_empty"),
                stagesMissing: try int("stages_missing"),
                tracesFailing: try int("traces_failing"), stageAssetsMissing: try int("stage_assets_missing"),
                fallbackShare: min(1, max(0, try r.number("fallback_share") ?? 0)), overrides: try int("overrides"),
                drift: try int("drift"))
            entry.stagesInferred = try optionalInt("stages_inferred")
            entry.tracesNoStages = try optionalInt("traces_no_stages")
            return .success(entry)
        } catch {
            return .failure(error)
        }
    }
}
