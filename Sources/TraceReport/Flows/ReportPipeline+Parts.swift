import Foundation

/// What the build passes between its steps, and the steps that stand on their own.
extension ReportPipeline {
    /// A trace decoded, analysed and rendered by a worker; named and written afterwards.
    struct Rendered: Sendable {
        /// Named once its page is: `name` empty until then.
        var digest: TraceDigest
        var summary: SummaryEntry
        var markdown: String
        /// The HTML page's UTF-8 bytes, its link back still to fill in (`PageRenderer.placingHome`).
        var html: [UInt8]
        var traceID: String
        var source: String
        var baselinePosition: Int?
        /// Where the build placed the trace; nil until it is placed (in input order, after rendering).
        var placement: TracePlacement?
        /// What the golden section keeps, when a golden run names the trace.
        var golden: GoldenTrace?
    }

    /// One input unit after the parallel step: rendered now, or found unchanged in the last build.
    enum Prepared: Sendable {
        case fresh(key: String?, results: [Result<Rendered, InputError>], unit: LoadUnit)
        /// `unit` is nil for a unit taken from the last build's manifest without being read (a table's rows
        /// before its watermark).
        case cached(key: String, traces: [BuildManifest.PreviousTrace], unit: LoadUnit?)
    }

    /// A trace ready to write: its page's content, or the last build's page to link. Boxed (`indirect`): a
    /// rendered trace is four times the size of a cached one, and arrays of cached ones were moved whole.
    indirect enum Ready: Sendable {
        case fresh(Rendered)
        case cached(BuildManifest.PreviousTrace)

        var name: String {
            switch self {
            case .fresh(let r): r.digest.name
            case .cached(let c): c.trace.name
            }
        }
    }
}
