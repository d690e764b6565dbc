import Foundation

/// The sample traces compiled into the binary: what `build`, `check` and
/// `render` read when given no input.
public enum BundledSample {
    /// The sample files, before (legacy ordering) and after (scoped fix).
    public static var inputs: [TraceInput] {
        [
            .bytes(name: "sample/legacy.jsonl", data: Data(PackageResources.legacy_jsonl)),
            .bytes(name: "sample/fixed.jsonl", data: Data(PackageResources.fixed_jsonl)),
        ]
    }
}
