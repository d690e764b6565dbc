import Foundation
import Mustache

/// The templates compiled for the fast renderer (`TemplateTokenReader.compile`), on a thread of their own:
/// compiling was half of loading the templates and cannot fail, so a build goes on (reading its inputs
/// and the last build's manifest) while they compile; the first page rendered waits for them. Nil when
/// one uses what only swift-mustache renders.
struct CompiledTemplates: Sendable {
    private let compiled: BackgroundValue<[String: CompiledTemplate]?>

    init(_ templates: [String: MustacheTemplate]) {
        compiled = BackgroundValue {
            let compiled = templates.mapValues(TemplateTokenReader.compile)
            return compiled.values.contains { $0 == nil } ? nil : compiled.compactMapValues { $0 }
        }
    }

    /// The compiled templates, once they are.
    var templates: [String: CompiledTemplate]? { compiled.result }

    /// This thread's own copy of the compiled templates. Rendering retains and releases the
    /// templates' strings and arrays at every tag; on one shared copy, threads rendering side by side
    /// contend for the same reference counts, which cost a fifth of all rendering.
    var local: [String: CompiledTemplate]? {
        guard let shared = compiled.result else { return nil }
        let key = identity
        let copies = Thread.current.threadDictionary
        if let box = copies[key] as? Box { return box.templates }
        let own = shared.mapValues { $0.copied() }
        copies[key] = Box(own)
        return own
    }

    /// Names this set of templates in each thread's dictionary: an `NSString`, not bridged from a `String`
    /// at every page; immutable, so safe to share.
    nonisolated(unsafe) private let identity = NSString(string: "tracereport.templates.\(UUID().uuidString)")

    private final class Box {
        let templates: [String: CompiledTemplate]
        init(_ templates: [String: CompiledTemplate]) { self.templates = templates }
    }
}
