/// Another source's units that hold one of `traceIDs` (a unit with several traces is kept whole when
/// any of them is named): the traces golden runs name, out of a folder of many.
public struct FilteredSource: TraceSource {
    public var base: any TraceSource
    public var traceIDs: Set<String>

    /// Keeps the units of `base` that hold one of `traceIDs`.
    public init(_ base: any TraceSource, traceIDs: Set<String>) {
        self.base = base
        self.traceIDs = traceIDs
    }

    public var name: String { base.name }

    public func units(_ loader: TraceLoader, _ body: (LoadUnit) throws -> Void) throws {
        try base.units(loader) { unit in
            let named = unit.decode().contains { result in
                if case .trace(let loaded) = result { return traceIDs.contains(loaded.trace.traceID) }
                return false
            }
            if named { try body(unit) }
        }
    }
}
