import Foundation

extension ReportPipeline {
    /// What to build from and where.
    public struct Options: Sendable {
        public var inputs: [TraceInput]
        /// Traces to compare against ("before"); empty for no comparison.
        public var baseline: [TraceInput]
        public var output: String
        public var templates: TemplateSet
        public var force: Bool
        /// The build time to print, from `SOURCE_DATE_EPOCH`.
        public var generated: String?
        /// How many traces are decoded, analysed, rendered and written at once.
        public var jobs: Int
        /// Hears notes a user should see once (a database table without some columns).
        public var notes: @Sendable (String) -> Void = { _ in }
        /// A registry snapshot: asset pages show used against active versions, and `asset-stale` findings.
        public var registry: AssetRegistry?
        /// How many builds `history.jsonl` keeps.
        public var historyLimit = BuildHistory.defaultLimit
        /// Where a fresh output folder's history comes from (`--history-from`).
        public var historySeed: BuildHistory.Seed?
        /// This build's time for the history, from `SOURCE_DATE_EPOCH`.
        public var historyTime: String?
        /// `build --golden INPUT`: the golden tables to judge this build's `rerun --golden` traces against
        /// (the inputs' own golden tables are then not read).
        public var golden: GoldenTables?
        /// What to do when another build is writing `output`: wait (with a note), or stop (`--no-wait`).
        public var whenBusy: OutputLock.WhenBusy = .wait(notes: { _ in })
        /// Read every row of a table, not only those newer than the last build's watermark (`--full`).
        public var fullRead = false

        /// Creates options.
        public init(
            inputs: [TraceInput], baseline: [TraceInput] = [], output: String, templates: TemplateSet,
            force: Bool = false, generated: String? = nil,
            jobs: Int = ProcessInfo.processInfo.activeProcessorCount
        ) {
            self.jobs = max(1, jobs)
            self.inputs = inputs
            self.baseline = baseline
            self.output = output
            self.templates = templates
            self.force = force
            self.generated = generated
        }
    }
}
