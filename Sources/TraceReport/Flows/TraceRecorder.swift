import Foundation
import Synchronization

/// Appends each trace to `summary.json`, the build manifest and the digest spool, and adds it to the
/// batch's aggregates, in input order, on a thread of its own: while it records one batch, the build
/// reads and places the next. Recording on the coordinating thread was a quarter of the serial path of
/// an incremental build. One batch is recorded at a time, and up to three more wait for it (`inFlight`),
/// so memory holds at most four batches' records (no pages: those are written before).
final class TraceRecorder: @unchecked Sendable {  // its state is touched by one recording at a time, then by `finish`
    /// One unit as it goes into the manifest: its key, whether it may (no input errors), the last build's
    /// traces when it is taken over, and how many traces of `record`'s list are its own.
    struct Unit: Sendable {
        var key: String?
        var cacheable: Bool
        var previous: [BuildManifest.PreviousTrace]
        var count: Int

        /// Every trace is the last build's, where it stood: the unit's line and digests are the last build's.
        var isUnchanged: Bool { key != nil && cacheable && count > 0 && previous.count == count }
    }

    /// A group of the last build (`UnitGroup`) and its manifest line, written again as it is. A class: a
    /// unit carries one only when a group starts with it, and copying units moved its aggregates along.
    final class StoredGroup: Sendable {
        let group: UnitGroup
        let line: [UInt8]
        init(group: UnitGroup, line: [UInt8]) { (self.group, self.line) = (group, line) }
    }

    /// The last build's groups read ahead by the threads that prepare units (`readAhead`), by first key;
    /// each is taken out when the recorder comes to its unit, used or not, so few are held at a time.
    let readAhead = Mutex<[String: StoredGroup]>([:])

    let summary: SummaryWriter
    let manifest: SummaryWriter
    let rows: RowSpool
    private(set) var totals = BuildTotals()
    private(set) var catalog = AssetCatalog()
    /// The group of units being built (`UnitGroup`), and a run of unchanged units that may be one of the last build's.
    var group = GroupInProgress()
    var run: Run?
    let previous: BuildManifest.Previous?
    private var lastSummary: PreviousSummary?
    /// The last build's `summary.json`, named in an error.
    private let lastSummaryPath: String
    private let queue = DispatchQueue(label: "tracereport.recorder")
    /// Batches handed over and not yet recorded, at most four: the build reads and places the next ones while
    /// the recorder records one, so a batch that takes the recorder longer does not stop the build at once.
    /// One trace edited among 10,000: 133 ms with one, 119 ms with four, 117 ms with eight.
    private static let inFlight = 4
    private let idle = DispatchSemaphore(value: TraceRecorder.inFlight)
    /// What recording threw, read by the build while a later batch may be recording.
    private let failure = Mutex<(any Error)?>(nil)

    init(
        summary: SummaryWriter, manifest: SummaryWriter, rows: RowSpool, previous: BuildManifest.Previous?,
        output: String
    ) {
        self.summary = summary
        self.manifest = manifest
        self.rows = rows
        self.previous = previous
        lastSummary = previous.map(PreviousSummary.init)
        lastSummaryPath = (output as NSString).appendingPathComponent("summary.json")
    }

    /// Hands a batch over once fewer than `inFlight` are waiting; throws what recording an earlier batch threw.
    func record(_ units: [Unit], _ traces: [BuildManifest.CachedTrace]) throws {
        idle.wait()
        if let failure = failure.withLock({ $0 }) {
            idle.signal()
            throw failure
        }
        queue.async {
            defer { self.idle.signal() }
            guard self.failure.withLock({ $0 == nil }) else { return }  // nothing more is written after a failure
            do { try self.add(units, traces) } catch { self.failure.withLock { if $0 == nil { $0 = error } } }
        }
    }

    /// Waits for the last batch, then records what is pending (a run, the last group); throws what recording threw.
    func finish() throws {
        for _ in 0..<Self.inFlight { idle.wait() }
        defer { for _ in 0..<Self.inFlight { idle.signal() } }
        if let failure = failure.withLock({ $0 }) { throw failure }
        do {
            try endRun(atEnd: true)
            try closeGroup()
        } catch {
            failure.withLock { $0 = error }
            throw error
        }
    }

    private func add(_ units: [Unit], _ written: [BuildManifest.CachedTrace]) throws {
        var next = written.makeIterator()
        for unit in units {
            try take(unit, (0..<unit.count).map { _ in next.next()! })
        }
    }

    /// Adds a unit's traces to the aggregates (through the group being built when the unit goes into the
    /// manifest) and records them.
    func addEach(_ unit: Unit, _ traces: [BuildManifest.CachedTrace]) throws {
        let grouped = unit.key != nil && unit.cacheable
        if !grouped { try closeGroup() }
        for trace in traces {
            let digest = try digest(of: trace)
            if grouped {
                group.totals.add(digest)
                group.catalog.add(digest)
            } else {
                totals.add(digest)
                catalog.add(digest)
            }
        }
        try write(unit, traces)
        if let key = unit.key, grouped {
            group.keys.append(key)
            group.traces += traces.count
            if group.traces >= UnitGroup.size { try closeGroup() }
        }
    }

    /// Writes a unit's summary entries, spool rows and manifest line.
    func write(_ unit: Unit, _ written: [BuildManifest.CachedTrace]) throws {
        try write(unit, written, offsets: try written.map { try addSummary($0) })
    }

    /// Writes a unit's spool rows and manifest line, its summary entries written at `offsets`.
    func write(_ unit: Unit, _ written: [BuildManifest.CachedTrace], offsets: [Int]) throws {
        guard let key = unit.key, unit.cacheable else {
            for trace in written { try rows.addEncoded(bytes: trace.digestJSON) }
            return
        }
        let line =
            BuildManifest.reusableLine(unit.previous, offsets: offsets)
            ?? BuildManifest.line(key: key, traces: zip(written, offsets).map { ($0, $1) })
        let start = manifest.byteCount
        try manifest.line(bytes: line)
        // The line ends with the traces' digests, each after a tab: the spool notes where each stands.
        var end = line.count
        var positions = [Int](repeating: 0, count: written.count)
        for (i, trace) in written.enumerated().reversed() {
            end -= trace.digestJSON.count
            positions[i] = end
            end -= 1
        }
        for (trace, position) in zip(written, positions) {
            if position > 0, line[position - 1] == 0x09 {
                try rows.addEncoded(bytes: trace.digestJSON, at: start + position)
            } else {
                try rows.addEncoded(bytes: trace.digestJSON)
            }
        }
    }

    /// Writes units whose traces are all the last build's: summary entries that stood one after another
    /// in its `summary.json` are copied as one block (`SummaryWriter.addEncoded(copying:from:count:)`), not
    /// one by one: copying them one at a time was the largest part of the recorder's time in a build that
    /// changed one trace, and the building thread waited for the recorder.
    func writeTakenOver(_ units: [(unit: Unit, traces: [BuildManifest.CachedTrace])]) throws {
        let ranges = units.flatMap { $0.traces.compactMap(\.previousSummary) }
        guard ranges.count == units.reduce(0, { $0 + $1.traces.count }) else {
            for (unit, traces) in units { try write(unit, traces) }
            return
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(ranges.count)
        var first = 0
        while first < ranges.count {
            // The longest run of entries from `first` on that stand one after another (`,\n` between them).
            var end = first + 1
            var length = ranges[first].length
            while end < ranges.count, ranges[end].offset == ranges[end - 1].offset + ranges[end - 1].length + 2 {
                length += 2 + ranges[end].length
                end += 1
            }
            let start = try addSummary(block: (ranges[first].offset, length), count: end - first)
            for k in first..<end { offsets.append(ranges[k].offset - ranges[first].offset + start) }
            first = end
        }
        var next = 0
        for (unit, traces) in units {
            try write(unit, traces, offsets: Array(offsets[next..<(next + traces.count)]))
            next += traces.count
        }
    }

    /// Adds a closed group's, or a stored group's, aggregates.
    func merge(_ groupTotals: BuildTotals, _ groupCatalog: AssetCatalog) {
        totals.merge(groupTotals)
        catalog.merge(groupCatalog)
    }

    /// A trace's digest: its own, or the last build's read from the manifest's text.
    private func digest(of trace: BuildManifest.CachedTrace) throws -> TraceDigest {
        if let digest = trace.digest { return digest }
        guard let digest = try? trace.digestJSON.withUnsafeBufferPointer({ try TraceDigest.parse($0) }),
            digest.name == trace.name
        else {
            throw PublishError(
                path: previous?.path ?? lastSummaryPath,
                reason: "a trace's digest (\(trace.source)) cannot be read: build again with --full")
        }
        return digest
    }

    /// Appends a trace's entry to `summary.json`: its own, or the last build's copied as it stood.
    private func addSummary(_ trace: BuildManifest.CachedTrace) throws -> Int {
        guard let range = trace.previousSummary else { return try summary.addEncoded(trace.summary) }
        let summary = summary
        guard let offset = try lastSummary?.withEntry(range, { try summary.addEncoded(bytes: $0) }) else {
            throw summaryMismatch
        }
        return offset
    }

    /// Appends `count` entries the last build wrote one after another, at `range` of its `summary.json`.
    private func addSummary(block range: (offset: Int, length: Int), count: Int) throws -> Int {
        guard let previous,
            let offset = try summary.addEncoded(copying: range, from: previous.summaryFD, count: count)
        else { throw summaryMismatch }
        return offset
    }

    private var summaryMismatch: PublishError {
        PublishError(
            path: lastSummaryPath,
            reason:
                "the last build's summary.json does not match its manifest: remove the output folder to build it anew")
    }
}
