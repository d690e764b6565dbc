/// Groups of units (`UnitGroup`): a build adds each trace to the group being built and merges the group
/// into the build's totals and catalog when it closes; a run of units that is, unit for unit, a group of
/// the last build is taken over as that group's stored aggregates, its traces' digests never read.
extension TraceRecorder {
    /// The last build's group that starts with `unit`, when the unit is unchanged. A group closed by its size
    /// is this build's too when its units are; one closed short of it (by the end of the input, or before a
    /// unit that failed to read) only when this build's input ends with its last unit (`Run.closedBySize`).
    static func storedGroup(for unit: Unit, in previous: BuildManifest.Previous?) -> StoredGroup? {
        guard unit.isUnchanged, let key = unit.key else { return nil }
        return storedGroup(startingWith: key, in: previous)
    }

    static func storedGroup(startingWith key: String, in previous: BuildManifest.Previous?) -> StoredGroup? {
        guard let line = previous?.group(startingWith: key), let stored = try? UnitGroup.parse(line) else { return nil }
        return StoredGroup(group: stored, line: line)
    }

    /// Reads the last build's group that starts with `key`, if any, for the recorder to find (any thread).
    func readGroup(startingWith key: String) {
        guard previous?.hasGroup(startingWith: key) == true,
            let stored = Self.storedGroup(startingWith: key, in: previous)
        else { return }
        readAhead.withLock { $0[key] = stored }
    }

    /// The group read ahead for `unit`'s key, taken out.
    func readGroup(for unit: Unit) -> StoredGroup? {
        guard let key = unit.key else { return nil }
        return readAhead.withLock { $0.removeValue(forKey: key) }
    }

    /// The group being built: its units' keys, its traces, and what they add up to, from empty.
    struct GroupInProgress {
        var keys: [String] = []
        var traces = 0
        var totals = BuildTotals()
        var catalog = AssetCatalog()
    }

    /// Unchanged units that began where a group of the last build began, held until they are all of it.
    struct Run {
        var group: UnitGroup
        /// The last build's group line, written again as it is.
        var line: [UInt8]
        var units: [(unit: Unit, traces: [BuildManifest.CachedTrace])] = []

        /// The stored group closed by its size: it ends with its last unit. One closed short of it waits for
        /// the next unit, which joins the group in this build, or for the end of the input, which closes it.
        var closedBySize: Bool { group.traces >= UnitGroup.size }

        /// All the stored group's units are in.
        var isComplete: Bool { units.count == group.units }
    }

    /// Records a unit: into the run when it continues one, as the start of a run when a group of the last
    /// build starts with it (and this build's groups break there too), else trace by trace.
    func take(_ unit: Unit, _ traces: [BuildManifest.CachedTrace]) throws {
        let unchanged = unit.isUnchanged
        // A group's catalog takes a millisecond to read: the threads that prepare units read them ahead, in
        // parallel (`readGroup(startingWith:)`); one they did not is read here. Every unit takes its own out.
        let ahead = readGroup(for: unit)
        if run != nil {
            if unchanged, !run!.isComplete {
                run!.units.append((unit, traces))
                if run!.isComplete, run!.closedBySize { try endRun() }
                return
            }
            try endRun()
        }
        if group.keys.isEmpty, unchanged, let stored = ahead ?? Self.storedGroup(for: unit, in: previous) {
            run = Run(group: stored.group, line: stored.line, units: [(unit, traces)])
            if run!.isComplete, run!.closedBySize { try endRun() }
            return
        }
        try addEach(unit, traces)
    }

    /// Ends the run: all of the last build's group, closed where this build closes it, it is merged as
    /// stored and its line written again; else (it was cut short, differs, or goes on) its units are added
    /// trace by trace. `atEnd`: the input ended with the run.
    func endRun(atEnd: Bool = false) throws {
        guard let run else { return }
        self.run = nil
        let keys = run.units.compactMap(\.unit.key)
        let traces = run.units.reduce(0) { $0 + $1.traces.count }
        // This build closes its group where the stored one closed: at the unit that reached the size, or,
        // for a group short of it, at the end of the input.
        let closesHere =
            traces >= UnitGroup.size
            ? traces - (run.units.last?.traces.count ?? 0) < UnitGroup.size
            : atEnd
        guard run.isComplete, keys.first == run.group.firstKey, traces == run.group.traces, closesHere,
            UnitGroup.keysHash(keys) == run.group.keys
        else {
            for (unit, traces) in run.units { try addEach(unit, traces) }
            return
        }
        try writeTakenOver(run.units)
        merge(run.group.totals, run.group.catalog)
        try manifest.line(bytes: run.line)
    }

    /// Closes the group being built: merged into the build's aggregates, its line after its units'.
    func closeGroup() throws {
        guard let first = group.keys.first else { return }
        let closed = UnitGroup(
            firstKey: first, units: group.keys.count, keys: UnitGroup.keysHash(group.keys), traces: group.traces,
            totals: group.totals, catalog: group.catalog)
        group = GroupInProgress()
        merge(closed.totals, closed.catalog)
        try manifest.line(closed.line)
    }
}
