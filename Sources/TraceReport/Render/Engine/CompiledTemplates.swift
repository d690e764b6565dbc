import Foundation
import Mustache

/// The templates compiled for the fast renderer (`TemplateTokenReader.compile`), on a thread of their own:
/// compiling was half of loading the templates and cannot fail, so a build goes on (reading its inputs
/// and the last build's manifest) while they compile; the first page rendered waits for them. Nil when
/// one uses what only swift-mustache renders.
final class CompiledTemplates: @unchecked Sendable {  // `value` is written once, before `done` is left; read after
    private var value: [String: CompiledTemplate]?
    private let done = DispatchGroup()

    init(_ templates: [String: MustacheTemplate]) {
        done.enter()
        Thread { [self] in
            let compiled = templates.mapValues(TemplateTokenReader.compile)
            value = compiled.values.contains { $0 == nil } ? nil : compiled.compactMapValues { $0 }
            done.leave()
        }.start()
    }

    /// The compiled templates, once they are.
    var templates: [String: CompiledTemplate]? {
        done.wait()
        return value
    }
}
