import Foundation

/// Traces the binary carries (the bundled sample, re-run in memory): JSON lines when the name ends
/// in `.jsonl`, else one JSON document.
public struct BytesSource: TraceSource {
    public var name: String
    public var data: Data

    /// Creates an in-memory input.
    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    public func units(_ loader: TraceLoader, _ body: (LoadUnit) throws -> Void) throws {
        guard name.hasSuffix(".jsonl") else { return try body(.document(source: name, bytes: data)) }
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            try body(.line(source: "\(name):\(lineNumber)", bytes: Data(line)))
        }
    }
}

extension TraceInput {
    /// In-memory content; `name` is shown as its source and decides JSON or JSONL by its ending.
    public static func bytes(name: String, data: Data) -> TraceInput { TraceInput(BytesSource(name: name, data: data)) }
}
