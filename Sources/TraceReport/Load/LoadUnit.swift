import Foundation

/// The smallest piece of input that decodes on its own: a JSONL line, a
/// `.json` document, or an error met while reading. Reading units is cheap
/// and sequential; decoding them is the costly part and can run in parallel.
public enum LoadUnit: Sendable {
    /// One line of a JSONL file (`source` is `<file>:<line>`), or one database row (`db:<trace_id>`): a trace object.
    case line(source: String, bytes: Data)
    /// A whole `.json` file: one trace or an array of them.
    case document(source: String, bytes: Data)
    /// A file or folder that could not be read.
    case failure(InputError)

    /// The traces and errors this unit holds, in order (none for a blank line).
    public func decode(keepRaw: Bool = false) -> [TraceLoadResult] {
        switch self {
        case .line(let source, let bytes):
            return TraceLoader.decodeLine(bytes, source: source, keepRaw: keepRaw).map { [$0] } ?? []
        case .document(let source, let bytes):
            return TraceLoader.decodeDocument(bytes, source: source, keepRaw: keepRaw)
        case .failure(let error): return [.failure(error)]
        }
    }

    /// The bytes this unit decodes from, with its source: what an incremental build hashes.
    public var identity: (source: String, bytes: Data)? {
        switch self {
        case .line(let source, let bytes), .document(let source, let bytes): return (source, bytes)
        case .failure: return nil
        }
    }
}
