import Foundation

/// A location inside a JSON document, printed as `$.stage_inputs[2].applied_assets`,
/// so loader errors point at the exact field. Kept as its steps and printed only when
/// an error needs it, not built as text for every field read.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    private indirect enum Step: Sendable {
        case root
        case key(Step, String)
        case index(Step, Int)
    }

    private let step: Step

    /// The document root, `$`.
    public static let root = JSONPath(step: .root)

    /// The path of a member of this object.
    public func key(_ name: String) -> JSONPath { JSONPath(step: .key(step, name)) }

    /// The path of an element of this array.
    public func index(_ i: Int) -> JSONPath { JSONPath(step: .index(step, i)) }

    public var description: String { Self.text(step) }

    public static func == (a: JSONPath, b: JSONPath) -> Bool { a.description == b.description }

    private static func text(_ step: Step) -> String {
        switch step {
        case .root:
            return "$"
        case .index(let parent, let i):
            return text(parent) + "[\(i)]"
        case .key(let parent, let name):
            let plain =
                !name.isEmpty
                && name.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0))
                }
            if plain { return text(parent) + "." + name }
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return text(parent) + "[\"" + quoted + "\"]"
        }
    }
}
