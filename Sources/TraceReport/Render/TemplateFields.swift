import Mustache

/// A page model whose fields Mustache looks up by name through a table of
/// accessors. swift-mustache otherwise finds fields with `Mirror`, which spent
/// 84% of a 10,000-stage build in reflection; a dictionary lookup and a direct
/// call cost next to nothing. An optional field that is nil comes back as nil
/// (the accessor's `Any?` flattens it), so `{{#field}}` sections skip it.
protocol TemplateFields: MustacheParent {
    /// Template name → the field it reads.
    static var fields: [String: (Self) -> Any?] { get }
}

extension TemplateFields {
    func child(named name: String) -> Any? {
        guard let field = Self.fields[name] else { return nil }
        return field(self)
    }
}
