import Foundation

/// Reads traces from files, folders and bundled bytes, one at a time, and
/// hands each trace or input error to the caller as soon as it is read.
/// A bad file, line or trace never stops the others.
public struct TraceLoader: Sendable {
    /// Folders holding this file are sites tracereport wrote; their `summary.json` is not a trace.
    public static let siteMarker = ".tracereport-site"

    /// Keep each trace's parsed JSON in `LoadedTrace.raw` (for handing traces on unchanged); off, it is freed at once.
    public var keepRaw: Bool
    /// Hears what a user should know but is no error (a database table without some columns).
    public var notes: @Sendable (String) -> Void
    /// Takes unchanged JSONL files from elsewhere (an incremental build's last manifest) instead of reading them.
    public var reuse: (any FileReuse)?

    /// Creates a loader.
    public init(keepRaw: Bool = false, notes: @escaping @Sendable (String) -> Void = { _ in }) {
        self.keepRaw = keepRaw
        self.notes = notes
    }

    /// Reads every input in order, calling `body` for each trace or error. A database that cannot be
    /// read throws `DatabaseError` (after the rows read before it were handed on).
    public func load(_ inputs: [TraceInput], _ body: (TraceLoadResult) throws -> Void) throws {
        try units(inputs) { unit in
            for result in unit.decode(keepRaw: keepRaw) { try body(result) }
        }
    }

    /// Reads every input in order into undecoded units: files a chunk at a time, JSONL line by line, rows a
    /// batch at a time.
    public func units(_ inputs: [TraceInput], _ body: (LoadUnit) throws -> Void) throws {
        for input in inputs { try input.source.units(self, body) }
    }

    /// One JSONL line: a trace, nothing (blank line) or an error naming the line.
    static func decodeLine(_ line: Data, source: String, keepRaw: Bool = false) -> TraceLoadResult? {
        var text = line
        if source.hasSuffix(":1"), text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
        if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        do throws(TraceFieldError) {
            let value = try JSONDocumentParser.parse(text, skim: !keepRaw)
            return .trace(
                LoadedTrace(trace: try TraceDecoder.decode(value), source: source, raw: keepRaw ? value : nil))
        } catch {
            return .failure(
                InputError(source: source, path: error.path == .root ? nil : error.path, reason: error.reason))
        }
    }

    /// A `.json` document: one trace object, or an array of them.
    static func decodeDocument(_ data: Data, source: String, keepRaw: Bool = false) -> [TraceLoadResult] {
        let value: JSONValue
        do throws(TraceFieldError) { value = try JSONDocumentParser.parse(data, skim: !keepRaw) } catch {
            return [.failure(InputError(source: source, reason: error.reason))]
        }
        let items: [(JSONValue, JSONPath)]
        switch value {
        case .array(let elements):
            if elements.isEmpty { return [.failure(InputError(source: source, reason: "the array holds no traces"))] }
            items = elements.enumerated().map { ($1, JSONPath.root.index($0)) }
        case .object: items = [(value, .root)]
        default:
            return [
                .failure(
                    InputError(
                        source: source,
                        reason: "expected a trace object or an array of them, found \(value.typeDescription)"))
            ]
        }
        return items.map { (value, path) -> TraceLoadResult in
            do throws(TraceFieldError) {
                return .trace(
                    LoadedTrace(
                        trace: try TraceDecoder.decode(value, at: path), source: source, raw: keepRaw ? value : nil))
            } catch {
                return .failure(InputError(source: source, path: error.path, reason: error.reason))
            }
        }
    }
}
